"""Reads a process's memory and CPU figures from /proc (VmRSS covers all its threads)."""

import os
import time


def memory_kb(pid):
    """VmRSS, VmHWM, RssAnon, RssFile (kB) and Threads of `pid`, as a dict."""
    wanted = {"VmRSS", "VmHWM", "RssAnon", "RssFile", "Threads"}
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in wanted:
                out[key] = int(value.split()[0])
    return out


def sample_rss_kb(pid, samples=3, interval=1.0):
    """Median VmRSS over a few samples (the last one's other figures alongside)."""
    values = []
    last = {}
    for i in range(samples):
        if i:
            time.sleep(interval)
        last = memory_kb(pid)
        values.append(last["VmRSS"])
    values.sort()
    last["VmRSS"] = values[len(values) // 2]
    return last


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def cpu_seconds(pid):
    """utime + stime of `pid` (all its threads, from /proc/PID/stat), in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu_seconds(pid):
    """{"TID name": utime + stime in seconds} of every thread of `pid`."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for tid in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", encoding="ascii", errors="replace") as f:
                head, _, rest = f.read().rpartition(")")
            fields = rest.split()
            out[f"{tid} {head.split('(', 1)[1]}"] = (int(fields[11]) + int(fields[12])) / tick
        except (FileNotFoundError, ProcessLookupError):
            pass
    return out


def find_descendant(pid, name, timeout=30):
    """The PID of the first process named `name` below `pid` (waits for it up to `timeout` s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    head, _, rest = f.read().rpartition(")")
            except (FileNotFoundError, ProcessLookupError):
                continue
            children.setdefault(int(rest.split()[1]), []).append(
                (int(entry), head.split("(", 1)[1]))
        todo = [pid]
        while todo:
            for child_pid, comm in children.get(todo.pop(), []):
                if comm == name[:15]:
                    return child_pid
                todo.append(child_pid)
        time.sleep(0.2)
    raise RuntimeError(f"no process {name} below PID {pid}")


def others_cpu_seconds(exclude):
    """CPU time (utime + stime + reaped children's) of every process except `exclude` and this
    process's ancestors: compared between two moments, what other work ran meanwhile (a build
    whose compilers come and go is counted through its make's children times)."""
    skip = set(exclude)
    pid = os.getpid()
    while pid > 1:  # this script and its ancestors collect our own children's times
        skip.add(pid)
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            pid = int(f.read().rsplit(")", 1)[1].split()[1])
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in skip:
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += sum(int(x) for x in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def wait_quiet(own_pids, max_cores=0.15, span=3.0, timeout=600):
    """Waits until the machine, apart from `own_pids`, used less than `max_cores` CPUs over
    `span` seconds (someone else's build would distort a benchmark). Returns the seconds
    waited, or None if it never got quiet within `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        before = others_cpu_seconds(own_pids)
        time.sleep(span)
        if (others_cpu_seconds(own_pids) - before) / span < max_cores:
            return round(time.monotonic() - start, 1)
    return None
