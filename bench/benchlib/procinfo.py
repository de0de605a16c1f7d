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


def process_table():
    """{pid: (ppid, comm)} of every process now."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                head, _, rest = f.read().rpartition(")")
        except (FileNotFoundError, ProcessLookupError):
            continue
        table[int(entry)] = (int(rest.split()[1]), head.split("(", 1)[1])
    return table


def descendants(pid):
    """PIDs of every process below `pid` now (children, grandchildren, ...)."""
    children = {}
    for child_pid, (ppid, _) in process_table().items():
        children.setdefault(ppid, []).append(child_pid)
    out, todo = [], [pid]
    while todo:
        for child_pid in children.get(todo.pop(), []):
            out.append(child_pid)
            todo.append(child_pid)
    return out


def pids_named(name):
    """PIDs of the processes whose comm is `name` (first 15 characters)."""
    return sorted(p for p, (_, comm) in process_table().items() if comm == name[:15])


def find_descendant(pid, name, timeout=30):
    """The PID of the first process named `name` below `pid` (waits for it up to `timeout` s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        table = process_table()
        for child_pid in descendants(pid):
            if child_pid in table and table[child_pid][1] == name[:15]:
                return child_pid
        time.sleep(0.2)
    raise RuntimeError(f"no process {name} below PID {pid}")


def memory_sum_kb(pids):
    """memory_kb summed over `pids` (a server made of several processes, e.g. beam.smp and
    epmd); processes that are gone count 0. `processes` says how many were summed."""
    total = {"processes": 0}
    for pid in pids:
        try:
            figures = memory_kb(pid)
        except (FileNotFoundError, ProcessLookupError):
            continue
        total["processes"] += 1
        for key, value in figures.items():
            total[key] = total.get(key, 0) + value
    return total


def sample_rss_sum_kb(pids_of, samples=3, interval=1.0):
    """Median summed VmRSS over a few samples; `pids_of()` gives the server's PIDs each time."""
    values = []
    last = {}
    for i in range(samples):
        if i:
            time.sleep(interval)
        last = memory_sum_kb(pids_of())
        values.append(last.get("VmRSS", 0))
    values.sort()
    last["VmRSS"] = values[len(values) // 2]
    return last


def cpu_seconds_sum(pids):
    """cpu_seconds summed over `pids` (gone ones count 0)."""
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


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
