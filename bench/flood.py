#!/usr/bin/python3
"""Flood benchmark: 500 connections send as fast as they can while 10 normal clients chat.

For each configuration (the default [limits], and the read-rate limit effectively off) it starts
djabberd (through tests/integration/harness.py; DJABBERD_BIN / DJABBERCTL_BIN, else build/), logs
in 10 chat clients, then opens 500 flood connections from 50 loopback addresses (10 each, the
default per-address cap of unauthenticated connections) that open a stream and then write
whitespace (legal between stanzas, so only the limits can stop it) as fast as the sockets take
it. Meanwhile each chat client sends messages to itself and measures the round trip. Reports the
chat round trip p50/p99, how many messages made it, bytes the flood got in, the server's RSS
before and after and its limit counters; writes bench/results/flood-<date>.json.

Bounded: the flood lasts --seconds (default 15, below the 30 s auth_timeout), every socket has a
deadline, and the server is stopped by PID at the end.
  /usr/bin/python3 bench/flood.py [--seconds 15] [--flooders 500]"""

import argparse
import json
import os
import select
import socket
import statistics
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
os.environ.setdefault("DJABBERD_BIN", os.path.join(ROOT, "build", "actors", "djabberd"))
os.environ.setdefault("DJABBERCTL_BIN", os.path.join(ROOT, "build", "tools", "djabberctl",
                                                     "djabberctl"))

from harness import DjabberdServer, XmppClient, q  # noqa: E402

CHATTERS = 10
ADDRESSES = 50
HEADER = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
          b"xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>")
FILL = b" " * 65536


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def flood(port, count, seconds, result):
    """Non-blocking writers; counts the bytes the server took and the connections it refused."""
    socks = []
    for i in range(count):
        source = "127.0.0.%d" % (2 + i % ADDRESSES)
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5,
                                         source_address=(source, 0))
            s.setblocking(False)
            s.send(HEADER)
            socks.append(s)
        except OSError:
            result["connect_failed"] += 1
    deadline = time.monotonic() + seconds
    live = list(socks)
    while live and time.monotonic() < deadline:
        _, writable, _ = select.select([], live, [], 0.2)
        for s in writable:
            try:
                result["bytes_sent"] += s.send(FILL)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                result["closed_by_server"] += 1
                live.remove(s)
    for s in socks:
        s.close()


def chat(client, seconds, rtts):
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        body = "ping %d" % n
        started = time.monotonic()
        mid = client.send_message(client.jid, body)
        try:
            client.wait_message(lambda e, mid=mid: e.get("id") == mid, timeout=10)
            rtts.append((time.monotonic() - started) * 1000.0)
        except AssertionError:
            rtts.append(None)  # lost or later than 10 s
        time.sleep(0.05)


def run(label, limits, seconds, flooders):
    extra = "[limits]\n" + "".join("%s = %s\n" % kv for kv in limits.items()) if limits else ""
    server = DjabberdServer(extra=extra)
    server.start()
    try:
        for i in range(CHATTERS):
            server.adduser("chat%d@localhost" % i, "pw")
        clients = []
        for i in range(CHATTERS):
            c = XmppClient(server.port)
            c.login("chat%d" % i, "pw", resource="bench")
            clients.append(c)
        pid = server.proc.pid
        rss_before = rss_kb(pid)
        # Baseline round trip without the flood.
        base = []
        chat(clients[0], 2, base)
        result = {"bytes_sent": 0, "closed_by_server": 0, "connect_failed": 0}
        rtts = [[] for _ in clients]
        threads = [threading.Thread(target=flood, args=(server.port, flooders, seconds, result))]
        threads += [threading.Thread(target=chat, args=(c, seconds, r)) for c, r in zip(clients, rtts)]
        for t in threads:
            t.start()
        peak = rss_before
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_kb(pid))
            time.sleep(0.2)
        for t in threads:
            t.join()
        rss_after = rss_kb(pid)
        stats = dict(line.split("=", 1) for line in server.ctl_ok("stats").stdout.splitlines()
                     if line.startswith("limit."))
        flat = [x for r in rtts for x in r]
        done = [x for x in flat if x is not None]
        for c in clients:
            c.close()
        return {
            "config": label, "limits": limits, "flooders": flooders, "seconds": seconds,
            "chat_messages": len(flat), "chat_lost_or_late": len(flat) - len(done),
            "rtt_ms_baseline_p50": percentile([x for x in base if x], 50),
            "rtt_ms_p50": percentile(done, 50), "rtt_ms_p99": percentile(done, 99),
            "rtt_ms_max": max(done) if done else None,
            "rtt_ms_mean": statistics.mean(done) if done else None,
            # Written to the sockets: includes what the kernel buffers hold, not only what the
            # server read.
            "flood_bytes_accepted": result["bytes_sent"],
            "flood_mb_per_s": round(result["bytes_sent"] / seconds / 1e6, 2),
            "flood_closed_by_server": result["closed_by_server"],
            "flood_connect_failed": result["connect_failed"],
            "rss_kb_before": rss_before, "rss_kb_peak": peak, "rss_kb_after": rss_after,
            "limit_counters": {k: int(v) for k, v in stats.items()},
        }
    finally:
        server.stop()
        server.cleanup()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--flooders", type=int, default=500)
    args = ap.parse_args()
    runs = [
        run("default limits", {}, args.seconds, args.flooders),
        run("read rate limit off", {"read_rate": 1000000000, "read_burst": 1000000000},
            args.seconds, args.flooders),
    ]
    for r in runs:
        print(json.dumps(r, indent=1))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", "flood-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump(runs, f, indent=1)
    print("written", path)


if __name__ == "__main__":
    main()
