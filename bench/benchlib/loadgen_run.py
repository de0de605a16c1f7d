"""Runs djabberd-loadgen pinned to CPUs, follows its stdout lines, then reads its report."""

import json
import os
import subprocess
import threading
import time

from . import child

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_loadgen(explicit=None):
    """`explicit`, else the tree's build/bench/djabberd-loadgen."""
    path = explicit or os.path.join(REPO, "build", "bench", "djabberd-loadgen")
    if not os.access(path, os.X_OK):
        raise SystemExit(f"djabberd-loadgen not found at {path} (./tools/build.sh, or --loadgen)")
    return path


class LoadgenRun:
    """One generator process. `wait_ready` returns the READY line (or None if it exited)."""

    def __init__(self, binary, args, report_path, cpu=1, log_path=None, on_line=None):
        """`on_line(line)` is called (on a reader thread) for every line the generator prints on
        stdout as it arrives: READY, MESSAGING start, MESSAGING stop."""
        self.on_line = on_line
        self.report_path = report_path
        self.ready_line = None
        self._ready = threading.Event()
        self.log = open(log_path, "wb") if log_path else subprocess.DEVNULL
        self.proc = child.start_pinned(cpu, [binary, *args, "--report", report_path],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=self.log)
        threading.Thread(target=self._read_stdout, daemon=True).start()

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode(errors="replace").strip()
            if self.on_line:
                self.on_line(line)
            if line.startswith("READY"):
                self.ready_line = line
                self._ready.set()
        self._ready.set()

    def wait_ready(self, timeout):
        self._ready.wait(timeout)
        return self.ready_line

    def wait_report(self, timeout):
        """Waits for the process to end (killing it after `timeout` s); returns its JSON report."""
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.stop(self.proc, timeout=10)
        time.sleep(0.1)
        with open(self.report_path, encoding="utf-8") as f:
            report = json.load(f)
        report["exit_code"] = self.proc.returncode
        return report
