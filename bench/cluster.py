#!/usr/bin/python3
"""Cross-node vs same-node messages of a djabberd cluster: messages/s and latency.

Starts two nodes on loopback (SQLite, accounts created on both), logs in a sender on node n1
and receivers on n1 (same node) and on n2 (cross node; the receiver's home is n2, so each
message takes one hop n1 -> n2), then for each pair:
- throughput: COUNT messages sent back to back to the receiver's full JID, timed until the
  last one arrived;
- latency: ROUNDS messages sent one at a time, each timed from send to receipt.
Both clients run in this Python process (harness.XmppClient), so the numbers include the
client's own parsing; they compare paths, they are not the server's ceiling.

Results: bench/results/cluster-<date>.json. Every wait is bounded (harness timeouts).
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "integration"))

from cluster_helpers import ClusterNode, free_port, name_homed_at  # noqa: E402
from harness import DOMAIN, XmppClient, q  # noqa: E402
from im_helpers import im_vhosts  # noqa: E402

NS_CLIENT = "jabber:client"


def login(node, user, password, resource):
    c = XmppClient(node.port, domain=DOMAIN, timeout=30)
    c.login(user, password, resource=resource)
    c.send("<presence/>")
    return c


def drain_bodies(c, want, deadline):
    """Reads until `want` messages with a body arrived; returns the count read."""
    got = 0
    while got < want and time.monotonic() < deadline:
        c._recv_once(deadline)
        keep = []
        for e in c.queue:
            if e.tag == q(NS_CLIENT, "message") and e.find(q(NS_CLIENT, "body")) is not None:
                got += 1
            else:
                keep.append(e)
        c.queue = keep
    return got


def measure(sender, receiver, count, rounds):
    to = receiver.jid
    start = time.monotonic()
    for i in range(count):
        sender.send("<message to='%s' type='chat'><body>t%d</body></message>" % (to, i))
    got = drain_bodies(receiver, count, start + 120)
    elapsed = time.monotonic() - start
    latencies = []
    for i in range(rounds):
        t0 = time.monotonic()
        sender.send("<message to='%s' type='chat'><body>l%d</body></message>" % (to, i))
        if drain_bodies(receiver, 1, t0 + 10) != 1:
            break
        latencies.append((time.monotonic() - t0) * 1000.0)
    latencies.sort()
    return {
        "messages": count, "received": got, "seconds": round(elapsed, 3),
        "messages_per_second": round(got / elapsed, 1) if elapsed > 0 else None,
        "latency_rounds": len(latencies),
        "latency_ms_median": round(statistics.median(latencies), 3) if latencies else None,
        "latency_ms_p90": round(latencies[int(len(latencies) * 0.9) - 1], 3) if latencies else None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=3000, help="messages per throughput run")
    ap.add_argument("--rounds", type=int, default=300, help="sequential messages for latency")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    names = ["n1", "n2"]
    ports = [free_port(), free_port()]
    # One sender writes as fast as it can: the per-connection read-rate limit ([limits] read_rate,
    # 10 KB/s by default) would measure the limit, not the routing, so it is lifted here.
    limits = "[limits]\nread_rate = 100000000\nread_burst = 100000000\n"
    nodes = {n: ClusterNode(n, ports[i], [ports[1 - i]], im_vhosts(), extra=limits)
             for i, n in enumerate(names)}
    try:
        for node in nodes.values():
            node.start()
        for node in nodes.values():
            if node.wait_for_log(r"members: 2 node\(s\)", timeout=30) is None:
                raise SystemExit("node %s did not join" % node.name)
        users = {"s": name_homed_at("bs", DOMAIN, names, "n1", 0),
                 "same": name_homed_at("bsame", DOMAIN, names, "n1", 0),
                 "cross": name_homed_at("bcross", DOMAIN, names, "n2", 0)}
        for node in nodes.values():
            for u in users.values():
                node.adduser("%s@%s" % (u, DOMAIN), "bench-pw")
        sender = login(nodes["n1"], users["s"], "bench-pw", "s")
        same = login(nodes["n1"], users["same"], "bench-pw", "same")
        cross = login(nodes["n2"], users["cross"], "bench-pw", "cross")
        time.sleep(0.5)  # let initial presence settle before timing
        for c in (sender, same, cross):
            c.poll(0.2)
        results = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "count": args.count, "rounds": args.rounds,
            "loadavg_1min": round(os.getloadavg()[0], 2),  # shared machine: context for noise
            "same_node": measure(sender, same, args.count, args.rounds),
            "cross_node": measure(sender, cross, args.count, args.rounds),
        }
        for c in (sender, same, cross):
            c.close()
    finally:
        for node in nodes.values():
            node.cleanup()
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "cluster-%s.json"
                        % datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))
    print("written", path)


if __name__ == "__main__":
    main()
