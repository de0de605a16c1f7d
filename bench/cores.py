#!/usr/bin/python3
"""Logins/s, messages/s, message latency and server CPU per message of djabberd on 1 vs 2 cores."""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import loadgen_run, procinfo  # noqa: E402
from benchlib.generator_target import GeneratorTarget  # noqa: E402
from benchlib.run_results import core_runs  # noqa: E402
from benchlib.djabberd_server import DjabberdServer  # noqa: E402
from benchlib.machine import machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "bench-pw"

# Server CPUs (taskset list), the server's worker_threads, and the generator's CPUs. With both
# cores given to the server, the generator cannot have a core of its own on a 2-core machine: it
# runs unpinned and competes with the server (part of the result).
CONFIGS = {
    "1core-wt1": {"server_cpus": "0", "worker_threads": 1, "loadgen_cpus": "1"},
    "2core-wt2": {"server_cpus": "0-1", "worker_threads": 2, "loadgen_cpus": "0-1"},
    "1core-wt2": {"server_cpus": "0", "worker_threads": 2, "loadgen_cpus": "1"},
    "2core-wt1": {"server_cpus": "0-1", "worker_threads": 1, "loadgen_cpus": "0-1"},
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--djabberd", default=os.path.join(os.path.dirname(HERE), "build", "actors",
                                                      "djabberd"))
    p.add_argument("--loadgen", help="djabberd-loadgen binary (default: build/bench/...)")
    p.add_argument("--configs", default="1core-wt1,2core-wt2",
                   help="comma-separated, from: " + ", ".join(CONFIGS))
    p.add_argument("--logins", type=int, default=2000, help="logins measured (2000)")
    p.add_argument("--login-rate", type=float, default=5000,
                   help="offered logins/s, as fast as possible (5000)")
    p.add_argument("--pairs", type=int, default=500, help="messaging pairs (500)")
    p.add_argument("--window", type=int, default=1,
                   help="saturation: messages in flight per client (1)")
    p.add_argument("--sat-duration", type=float, default=15, help="saturation seconds (15)")
    p.add_argument("--fixed-rate", type=float, default=5000,
                   help="offered messages/s of the latency run (5000)")
    p.add_argument("--fixed-duration", type=float, default=15, help="latency run seconds (15)")
    p.add_argument("--repeat", type=int, default=1, help="runs of each configuration (1)")
    p.add_argument("--output", help="JSON file (default: bench/results/cores-DATE.json)")
    p.add_argument("--quiet-timeout", type=float, default=600,
                   help="seconds to wait, before each run, for other work on the machine to "
                   "stop (600); the run goes ahead anyway after that, with a warning")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return p.parse_args()


def thread_roles(threads):
    """Names the server's threads by role. CAF 0.17.6 names its scheduler workers
    "caf.multiplexer" too; they start before the middleman, so the multiplexer is the last
    thread of that name (checked with perf: the workers' samples are in libcrypto, libexpat and
    djabberd, the multiplexer's in the kernel's send/recv)."""
    named = sorted(threads, key=lambda k: int(k.split()[0]))
    mux = [k for k in named if k.endswith(" caf.multiplexer")]
    out = {}
    for key in named:
        tid, comm = key.split(" ", 1)
        if key in mux:
            role = "multiplexer" if key == mux[-1] else f"worker{mux.index(key) + 1}"
        else:
            role = {"djabberd": "main"}.get(comm, comm)
        out[f"{role} ({tid})"] = threads[key]
    return out


def measure(args, name, loadgen):
    """One fresh server in configuration `name`: login rate, saturation, fixed-rate latency."""
    cfg = CONFIGS[name]
    users = max(args.logins, 2 * args.pairs)
    workdir = tempfile.mkdtemp(prefix=f"cores-{name}-")
    server = DjabberdServer(args.djabberd, workdir, [f"bench{i}" for i in range(users)], PASSWORD,
                            cpu=cfg["server_cpus"], worker_threads=cfg["worker_threads"])
    print(f"[{name}] starting djabberd in {workdir}", file=sys.stderr)
    try:
        ports = server.start(timeout=60 + users / 50)
        pid = server.pid
        target = GeneratorTarget(loadgen, server, ports["starttls"], workdir, cfg["loadgen_cpus"],
                                 PASSWORD, scram_cache=os.path.join(workdir, "scram-keys"),
                                 quiet_timeout=args.quiet_timeout,
                                 thread_sampler=lambda: thread_roles(
                                     procinfo.thread_cpu_seconds(pid)))
        time.sleep(1)
        # The server gives every user a random salt: the generator's one PBKDF2 per user would
        # dominate the login run, so a first unmeasured run computes the keys (and warms up).
        warm, _ = target.run("warmup", [], 0, users, 500)
        print(f"[{name}] warm-up: {warm['established']}/{users} logged in", file=sys.stderr)
        logins, saturation, fixed = core_runs(target, name, args)
        return {"config": name, **cfg, "ports": ports, "loadavg_at_end": os.getloadavg(),
                "logins": logins,
                "saturation": saturation, "fixed_rate": fixed}
    finally:
        code = server.stop()
        print(f"[{name}] djabberd stopped (exit {code})", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def print_table(results):
    head = (f"{'config':<10} {'srv cpus':>8} {'wt':>2} {'gen cpus':>8} {'logins/s':>8} "
            f"{'p50 ms':>7} {'p99 ms':>7} {'fail':>4} {'sat msg/s':>9} {'sat p50':>7} "
            f"{'sat p99':>7} {'fix p50':>7} {'fix p99':>7} {'cpu s/1k sat':>12} "
            f"{'cpu s/1k fix':>12}")
    print(head)
    for r in results:
        lg, sat, fix = r["logins"], r["saturation"], r["fixed_rate"]
        print(f"{r['config']:<10} {r['server_cpus']:>8} {r['worker_threads']:>2} "
              f"{r['loadgen_cpus']:>8} {lg['logins_per_s']:>8.0f} "
              f"{lg['login_latency_ms']['p50']:>7.1f} {lg['login_latency_ms']['p99']:>7.1f} "
              f"{lg['failed']:>4} {sat['msgs_per_s']:>9.0f} {sat['latency_ms']['p50']:>7.2f} "
              f"{sat['latency_ms']['p99']:>7.2f} {fix['latency_ms']['p50']:>7.2f} "
              f"{fix['latency_ms']['p99']:>7.2f} "
              f"{sat['server_cpu_s_per_1000_msgs'] or 0:>12.4f} "
              f"{fix['server_cpu_s_per_1000_msgs'] or 0:>12.4f}")


def main():
    args = parse_args()
    loadgen = loadgen_run.find_loadgen(args.loadgen)
    names = [c.strip() for c in args.configs.split(",") if c.strip()]
    if any(n not in CONFIGS for n in names):
        sys.exit("cores: --configs takes " + ", ".join(CONFIGS))
    if not os.access(args.djabberd, os.X_OK):
        sys.exit(f"cores: no djabberd binary at {args.djabberd} (build it or --djabberd)")
    if args.pairs < 1 or args.logins < 1 or args.repeat < 1:
        sys.exit("cores: --pairs, --logins and --repeat must be positive")
    started = datetime.datetime.now(datetime.timezone.utc)
    results = [measure(args, n, loadgen) for _ in range(args.repeat) for n in names]
    doc = {
        "benchmark": "cores",
        "date": started.isoformat(timespec="seconds"),
        "djabberd": args.djabberd,
        "loadgen": loadgen,
        "machine": machine(),
        "settings": {"logins": args.logins, "login_rate": args.login_rate, "pairs": args.pairs,
                     "window": args.window, "sat_duration_s": args.sat_duration,
                     "fixed_rate": args.fixed_rate, "fixed_duration_s": args.fixed_duration,
                     "mech": "SCRAM-SHA-256", "transport": "starttls", "log_level": "info"},
        "configs": {n: CONFIGS[n] for n in names},
        "results": results,
    }
    output = args.output or os.path.join(
        HERE, "results", f"cores-{started.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print_table(results)
    print(f"results: {output}")
    ok = all(r["logins"]["failed"] == 0 and r["saturation"]["errors"] == 0 and
             r["fixed_rate"]["errors"] == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
