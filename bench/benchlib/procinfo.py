"""Reads a process's memory figures from /proc/PID/status (VmRSS covers all its threads)."""

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
