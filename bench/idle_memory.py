#!/usr/bin/python3
"""Measures a server's memory per idle authenticated XMPP connection (STARTTLS and direct TLS)."""

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
from benchlib.idle_round import bytes_per_connection, idle_round  # noqa: E402
from benchlib.machine import machine  # noqa: E402
from benchlib.djabberd_server import DjabberdServer  # noqa: E402
from benchlib.prosody_server import ProsodyServer  # noqa: E402
from benchlib.ejabberd_server import EjabberdServer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--server", choices=["djabberd", "prosody", "ejabberd"], default="djabberd")
    p.add_argument("--djabberd", default=os.path.join(os.path.dirname(HERE), "build", "actors",
                                                      "djabberd"))
    p.add_argument("--prosody", default="/usr/bin/prosody")
    p.add_argument("--loadgen", help="djabberd-loadgen binary (default: build/bench/...)")
    p.add_argument("--count", type=int, default=5000, help="idle connections (5000)")
    p.add_argument("--rate", type=float, default=200, help="new connections per second (200)")
    p.add_argument("--mech", choices=["SCRAM-SHA-256", "PLAIN"], default="SCRAM-SHA-256")
    p.add_argument("--transports", default="starttls,direct_tls",
                   help="comma-separated: starttls, direct_tls, plain (djabberd only: no TLS, "
                   "with require_encryption = false, to separate TLS from the rest)")
    p.add_argument("--worker-threads", type=int, help="djabberd's worker_threads (default: "
                   "the server's, one per core)")
    p.add_argument("--settle", type=float, default=5,
                   help="seconds between the last login and the memory sample (5)")
    p.add_argument("--rounds", type=int, default=1,
                   help="connect/idle/disconnect cycles on the same server (1); the idle RSS of "
                   "later rounds shows whether memory is reused or lost")
    p.add_argument("--source-ips", default="", help="passed to the generator, e.g. "
                   "127.0.0.2-127.0.0.200 (needed above ~28,000 connections)")
    p.add_argument("--server-cpu", type=int, default=0)
    p.add_argument("--loadgen-cpu", type=int, default=1)
    p.add_argument("--output", help="JSON file (default: bench/results/idle_memory-DATE.json)")
    p.add_argument("--quiet-timeout", type=float, default=600,
                   help="seconds to wait, before each transport, for other work on the machine "
                   "to stop (600); it goes ahead anyway after that, with a warning")
    p.add_argument("--keepalive", type=int, help="djabberd's [c2s] keepalive_interval in s "
                   "(default: the server's); idle sessions release their XML parser after that "
                   "long, so a --settle longer than it measures released parsers")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return p.parse_args()


def make_server(args, workdir, users, password, transport):
    if args.server == "prosody":
        return ProsodyServer(args.prosody, workdir, users, password, cpu=args.server_cpu)
    if args.server == "ejabberd":
        return EjabberdServer(workdir, users, password, cpu=args.server_cpu)
    if not os.access(args.djabberd, os.X_OK):
        sys.exit(f"idle_memory: no djabberd binary at {args.djabberd} (build it or --djabberd)")
    return DjabberdServer(args.djabberd, workdir, users, password, cpu=args.server_cpu,
                          worker_threads=args.worker_threads,
                          require_encryption=transport != "plain", keepalive=args.keepalive)


def measure(args, transport, loadgen):
    """One fresh server, `count` idle connections over `transport` (per round): memory figures."""
    password = "bench-pw"
    users = [f"bench{i}" for i in range(args.count)]
    workdir = tempfile.mkdtemp(prefix=f"idle-memory-{args.server}-")
    server = make_server(args, workdir, users, password, transport)
    print(f"[{transport}] starting {args.server} in {workdir}", file=sys.stderr)
    try:
        # Static users get SCRAM keys computed at start: allow time for big counts.
        ports = server.start(timeout=60 + args.count / 100)
        if procinfo.wait_quiet([server.pid], timeout=args.quiet_timeout) is None:
            print(f"[{transport}] warning: the machine is busy with other work", file=sys.stderr)
        time.sleep(2)
        before = procinfo.sample_rss_sum_kb(server.pids)
        port = ports["starttls" if transport == "plain" else transport]
        rounds = [idle_round(loadgen, server, port, workdir, n + 1, count=args.count,
                             rate=args.rate, settle=args.settle, mech=args.mech,
                             password=password, transport=transport,
                             source_ips=args.source_ips, loadgen_cpu=args.loadgen_cpu)
                  for n in range(args.rounds)]
        first = rounds[0]
        idle_kb = first["memory_idle"]["VmRSS"] if first["memory_idle"] else None
        online = first["connections_online"]
        return {
            "transport": transport,
            "server": server.version(),
            "ports": ports,
            "rss_before_kb": before["VmRSS"],
            "rss_idle_kb": idle_kb,
            "bytes_per_connection": bytes_per_connection(before["VmRSS"], idle_kb, online),
            "connections_online": online,
            "failed": sum(r["failed"] for r in rounds),
            "dropped": sum(r["dropped"] for r in rounds),
            "login_latency_ms": first["login_latency_ms"],
            "memory_before": before,
            "rounds": rounds,
        }
    finally:
        code = server.stop()
        print(f"[{transport}] {args.server} stopped (exit {code})", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def main():
    args = parse_args()
    loadgen = loadgen_run.find_loadgen(args.loadgen)
    transports = [t.strip() for t in args.transports.split(",") if t.strip()]
    if args.count < 1 or args.rounds < 1 or args.rate <= 0:
        sys.exit("idle_memory: --count, --rounds and --rate must be positive")
    if any(t not in ("starttls", "direct_tls", "plain") for t in transports):
        sys.exit("idle_memory: --transports takes starttls, direct_tls and/or plain")
    if "plain" in transports and args.server != "djabberd":
        sys.exit("idle_memory: the plain transport is for djabberd only")
    started = datetime.datetime.now(datetime.timezone.utc)
    results = [measure(args, t, loadgen) for t in transports]
    doc = {
        "benchmark": "idle_memory",
        "date": started.isoformat(timespec="seconds"),
        "server": args.server,
        "count": args.count,
        "rate": args.rate,
        "mech": args.mech,
        "settle_s": args.settle,
        "rounds": args.rounds,
        "pinning": {"server_cpu": args.server_cpu, "loadgen_cpu": args.loadgen_cpu},
        "worker_threads": args.worker_threads,
        "keepalive_interval_s": args.keepalive,
        "machine": machine(),
        "loadgen": loadgen,
        "results": results,
    }
    tag = "" if args.server == "djabberd" else args.server + "-"
    output = args.output or os.path.join(
        HERE, "results", f"idle_memory-{tag}{started.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"{'transport':<11} {'online':>7} {'failed':>6} {'RSS before':>11} {'RSS idle':>10} "
          f"{'bytes/conn':>10} {'login p50':>10} {'p99':>9}")
    for r in results:
        lat = r["login_latency_ms"]
        idle = f"{r['rss_idle_kb'] / 1024:.1f} MiB" if r["rss_idle_kb"] else "-"
        print(f"{r['transport']:<11} {r['connections_online']:>7} {r['failed']:>6} "
              f"{r['rss_before_kb'] / 1024:>7.1f} MiB {idle:>10} "
              f"{r['bytes_per_connection'] or '-':>10} {lat['p50']:>7.1f} ms {lat['p99']:>6.1f} ms")
    for r in results:
        if len(r["rounds"]) > 1:
            idle = [x["memory_idle"]["VmRSS"] / 1024 if x["memory_idle"] else 0
                    for x in r["rounds"]]
            print(f"{r['transport']}: idle RSS per round (MiB): "
                  + ", ".join(f"{v:.1f}" for v in idle))
    print(f"results: {output}")
    ok = all(r["bytes_per_connection"] and r["failed"] == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
