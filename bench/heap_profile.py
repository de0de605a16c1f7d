#!/usr/bin/python3
"""Attributes djabberd's heap per idle connection to OpenSSL, expat, CAF and the rest (heaptrack)."""

import argparse
import datetime
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import child, heap_stacks, loadgen_run  # noqa: E402
from benchlib.djabberd_server import DjabberdServer  # noqa: E402
from benchlib.machine import machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "bench-pw"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--djabberd", default=os.path.join(os.path.dirname(HERE), "build", "actors",
                                                      "djabberd"))
    p.add_argument("--loadgen", help="djabberd-loadgen binary (default: build/bench/...)")
    p.add_argument("--count", type=int, default=1000, help="idle connections (1000)")
    p.add_argument("--rate", type=float, default=100, help="new connections per second (100)")
    p.add_argument("--transport", choices=["starttls", "plain"], default="starttls",
                   help="plain: no TLS, the server with require_encryption = false")
    p.add_argument("--worker-threads", type=int, default=1)
    p.add_argument("--settle", type=float, default=5,
                   help="seconds between the last login and the snapshot (5)")
    p.add_argument("--server-cpu", default="0")
    p.add_argument("--loadgen-cpu", default="1")
    p.add_argument("--top", type=int, default=12, help="allocation sites listed (12)")
    p.add_argument("--output", help="JSON file (default: bench/results/heap_profile-DATE.json)")
    p.add_argument("--keepalive", type=int, help="djabberd's [c2s] keepalive_interval in s "
                   "(default: the server's); idle sessions release their XML parser after that "
                   "long, so a --settle longer than it measures released parsers")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return p.parse_args()


def snapshot(args, loadgen, connections, workdir):
    """Runs the server under heaptrack with `connections` idle clients, then SIGKILLs it: what
    heaptrack reports as leaked is what was live at that moment. Returns the stacks file."""
    users = [f"bench{i}" for i in range(args.count)]  # the same users in every snapshot
    trace = os.path.join(workdir, "heaptrack")
    server = DjabberdServer(args.djabberd, workdir, users, PASSWORD, cpu=args.server_cpu,
                            worker_threads=args.worker_threads,
                            require_encryption=args.transport != "plain",
                            wrapper=["heaptrack", "-o", trace], keepalive=args.keepalive)
    server.start(timeout=300 + args.count / 20)
    run = None
    try:
        if connections:
            gen_args = ["--host", "127.0.0.1", "--port", str(server.ports["starttls"]),
                        "--domain", "localhost", "--users-prefix", "bench", "--password",
                        PASSWORD, "--count", str(connections), "--rate", str(args.rate),
                        "--hold", "900", "--quiet", "--login-timeout", "120"]
            if args.transport == "plain":
                gen_args.append("--no-tls")
            run = loadgen_run.LoadgenRun(loadgen, gen_args, os.path.join(workdir, "loadgen.json"),
                                         cpu=args.loadgen_cpu,
                                         log_path=os.path.join(workdir, "loadgen.log"))
            ready = run.wait_ready(connections / args.rate + 300)
            print(f"[{connections}] {ready}", file=sys.stderr)
            if not ready:
                raise RuntimeError("the generator did not get its connections up")
        time.sleep(args.settle)
        os.kill(server.pid, signal.SIGKILL)
        server.proc.wait(timeout=600)  # heaptrack finishes writing its trace
    finally:
        if run:
            child.stop(run.proc)
        if server.proc.poll() is None:
            server.stop()
    data = sorted(glob.glob(trace + ".*"))
    if not data:
        raise RuntimeError("heaptrack wrote no trace in " + workdir)
    stacks = os.path.join(workdir, "leaked.stacks")
    summary = subprocess.run(["heaptrack_print", "-f", data[0], "--flamegraph-cost-type",
                              "leaked", "-F", stacks, "-p", "0", "-a", "0", "-T", "0"],
                             capture_output=True, text=True, check=True).stdout
    return stacks, summary


def main():
    args = parse_args()
    loadgen = loadgen_run.find_loadgen(args.loadgen)
    if shutil.which("heaptrack") is None:
        sys.exit("heap_profile: heaptrack is not installed (apt-get install heaptrack)")
    started = datetime.datetime.now(datetime.timezone.utc)
    own = heap_stacks.own_sources(os.path.dirname(HERE))
    profiles = {}
    for n in (0, args.count):
        workdir = tempfile.mkdtemp(prefix=f"heap-profile-{n}-")
        print(f"[{n}] heaptrack run in {workdir}", file=sys.stderr)
        try:
            stacks, summary = snapshot(args, loadgen, n, workdir)
            profiles[n] = (heap_stacks.read(stacks, own), summary)
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    base, full = profiles[0][0], profiles[args.count][0]
    breakdown = heap_stacks.per_connection(base, full, args.count, args.top)
    doc = {
        "benchmark": "heap_profile",
        "date": started.isoformat(timespec="seconds"),
        "djabberd": args.djabberd,
        "count": args.count,
        "transport": args.transport,
        "worker_threads": args.worker_threads,
        "settle_s": args.settle,
        "keepalive_interval_s": args.keepalive,
        "machine": machine(),
        "method": "heaptrack; server SIGKILLed while idle; live ('leaked') bytes of the run "
                  f"with {args.count} connections minus those of a run with none, per connection",
        "heaptrack_summary": {str(n): [l for l in profiles[n][1].splitlines()
                                       if l.startswith(("total memory leaked", "peak heap",
                                                        "calls to allocation"))]
                              for n in profiles},
        **breakdown,
    }
    output = args.output or os.path.join(
        HERE, "results", f"heap_profile-{args.transport}-{started.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"heap per connection ({args.transport}, {args.count} connections): "
          f"{breakdown['bytes_per_connection']} bytes")
    for cat, b in breakdown["categories"].items():
        print(f"  {cat:<10} {b:>8} bytes")
    print("top allocation sites (bytes per connection):")
    for site in breakdown["sites"]:
        print(f"  {site['bytes_per_connection']:>8}  {site['category']:<9} {site['site'][:110]}")
    print(f"results: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
