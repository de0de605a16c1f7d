"""One connect / idle / disconnect round of N clients, with the server's memory sampled while
they idle (summed over the server's processes)."""

import os
import sys
import time

from . import loadgen_run, procinfo


def idle_round(loadgen, server, port, workdir, number, *, count, rate, settle, mech, password,
               transport="starttls", source_ips="", loadgen_cpu=1, extra=()):
    """Connects `count` clients over `transport` (starttls, direct_tls, plain) at `rate`/s,
    samples the server's RSS `settle` s after the last login, then lets them disconnect."""
    hold = settle + 8
    gen_args = ["--host", "127.0.0.1", "--port", str(port), "--domain", "localhost",
                "--users-prefix", "bench", "--password", password, "--count", str(count),
                "--rate", str(rate), "--hold", str(hold), "--mech", mech, "--quiet", *extra]
    if transport == "direct_tls":
        gen_args.append("--direct-tls")
    if transport == "plain":
        gen_args.append("--no-tls")
    if source_ips:
        gen_args += ["--source-ips", source_ips]
    run = loadgen_run.LoadgenRun(loadgen, gen_args,
                                 os.path.join(workdir, f"loadgen-{number}.json"),
                                 cpu=loadgen_cpu,
                                 log_path=os.path.join(workdir, f"loadgen-{number}.log"))
    ramp_bound = count / rate + 60
    ready = run.wait_ready(ramp_bound)
    print(f"[{transport}] round {number}: {ready or 'generator not ready'}", file=sys.stderr)
    idle = None
    if ready:
        time.sleep(settle)
        idle = procinfo.sample_rss_sum_kb(server.pids)
    report = run.wait_report(timeout=ramp_bound + hold + 120)
    time.sleep(2)
    after_close = procinfo.memory_sum_kb(server.pids()) if procinfo.alive(server.pid) else None
    return {
        "memory_idle": idle,
        "memory_after_close": after_close,
        "connections_online": report["online_at_hold_end"],
        "established": report["established"],
        "failed": report["failed"],
        "dropped": report["dropped"],
        "failures": report["failures"],
        "login_latency_ms": report["login_latency_ms"],
        "loadgen": report,
    }


def bytes_per_connection(before_kb, idle_kb, online):
    """(RSS idle − RSS before) / connections online, in bytes; None without data."""
    if not idle_kb or not online:
        return None
    return round((idle_kb - before_kb) * 1024 / online)
