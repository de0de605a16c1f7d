"""CPU samples of a server (and the generator) taken at the generator's stdout marks."""

import time

from . import procinfo


class CpuMarks:
    """Samples at READY, MESSAGING start, MESSAGING stop and PRESENCE complete (and whenever
    `take` is called).

    `server_pids()`: the PIDs whose CPU counts as the server's (summed; several for ejabberd);
    `thread_sampler()`: optional {thread label: CPU s} of the server, for a per-thread split."""

    def __init__(self, server_pids, thread_sampler=None):
        self.server_pids = server_pids
        self.thread_sampler = thread_sampler
        self.gen_pid = None
        self.samples = {}
        self.quiet_wait_s = None

    def take(self, name):
        pids = self.server_pids()
        sample = {"t": time.monotonic(), "server": procinfo.cpu_seconds_sum(pids),
                  "others": procinfo.others_cpu_seconds([*pids, self.gen_pid or 0])}
        if self.thread_sampler:
            sample["threads"] = self.thread_sampler()
        if self.gen_pid:
            try:
                sample["loadgen"] = procinfo.cpu_seconds(self.gen_pid)
            except (FileNotFoundError, ProcessLookupError):
                pass
        self.samples[name] = sample

    def on_line(self, line):
        if line.startswith("READY"):
            self.take("ready")
        elif line.startswith("MESSAGING start"):
            self.take("messaging_start")
        elif line.startswith("MESSAGING stop"):
            self.take("messaging_stop")
        elif line.startswith("PRESENCE complete"):
            self.take("presence_complete")

    def between(self, a, b):
        """Wall time, server CPU (total, per thread) and generator CPU from mark a to mark b."""
        if a not in self.samples or b not in self.samples:
            return None
        x, y = self.samples[a], self.samples[b]
        out = {"wall_s": round(y["t"] - x["t"], 3),
               "server_cpu_s": round(y["server"] - x["server"], 3),
               # CPU used meanwhile by other processes (someone's build): should be ~0.
               "other_cpu_s": round(y["others"] - x["others"], 3)}
        if "threads" in y:
            out["server_threads_cpu_s"] = {k: round(v - x["threads"].get(k, 0), 2)
                                           for k, v in y["threads"].items()}
        if "loadgen" in x and "loadgen" in y:
            out["loadgen_cpu_s"] = round(y["loadgen"] - x["loadgen"], 3)
        out["waited_for_quiet_s"] = self.quiet_wait_s
        return out
