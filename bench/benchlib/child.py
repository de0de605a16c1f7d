"""Starting helper processes pinned to a CPU, with the open-files limit raised, and stopping them."""

import resource
import signal
import subprocess


def raise_nofile():
    """In the child: soft RLIMIT_NOFILE up to the hard limit (servers need one fd per client)."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def start_pinned(cpu, argv, **kwargs):
    """Popen of `argv` under `taskset -c cpu` (taskset execs it: same PID)."""
    return subprocess.Popen(["taskset", "-c", str(cpu), *argv], preexec_fn=raise_nofile, **kwargs)


def stop(proc, timeout=30):
    """SIGTERM to this PID, SIGKILL if it has not exited after `timeout` s. Returns the exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return proc.returncode
