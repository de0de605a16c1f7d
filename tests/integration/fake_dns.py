#!/usr/bin/env python3
"""A tiny authoritative-looking UDP DNS server for tests (standard library only).

Answers SRV, A and AAAA questions from a dict; names absent from the dict get NXDOMAIN, present
names without records of the asked type get an empty NOERROR answer (NODATA).

Zone format (dict or JSON file):
    {"_xmpp-server._tcp.a.test": {"SRV": [[priority, weight, port, "target.test"]]},
     "a.test": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
     "_xmpps-server._tcp.a.test": {"SRV": [[0, 0, 0, "."]]}}
Names compare case-insensitively, without a trailing dot.

As a program:  fake_dns.py ZONE.json [--host 127.0.0.1] [--port 0]
prints the bound port on one line once it answers, and runs until SIGTERM/SIGINT.
As a module:   with FakeDns(zone) as dns: dns.port ...   (a thread; stopped on exit)
"""
import argparse
import ipaddress
import json
import os
import signal
import socket
import struct
import sys
import threading

TYPE_A, TYPE_AAAA, TYPE_SRV = 1, 28, 33
TYPE_NAMES = {TYPE_A: "A", TYPE_AAAA: "AAAA", TYPE_SRV: "SRV"}
RCODE_NOERROR, RCODE_FORMERR, RCODE_NXDOMAIN, RCODE_NOTIMP = 0, 1, 3, 4
MAX_LABELS = 64


def normalise(name):
    return name.rstrip(".").lower()


def parse_question(packet):
    """Returns (id, flags, qname, qtype, qclass, end offset of the question) or raises ValueError."""
    if len(packet) < 12:
        raise ValueError("short header")
    qid, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if qdcount != 1:
        raise ValueError("expected one question")
    labels, pos = [], 12
    for _ in range(MAX_LABELS):
        if pos >= len(packet):
            raise ValueError("truncated name")
        length = packet[pos]
        pos += 1
        if length == 0:
            break
        if length > 63:  # compression pointers never appear in a question we accept
            raise ValueError("bad label")
        labels.append(packet[pos:pos + length].decode("ascii", "replace"))
        pos += length
    else:
        raise ValueError("too many labels")
    if pos + 4 > len(packet):
        raise ValueError("truncated question")
    qtype, qclass = struct.unpack("!HH", packet[pos:pos + 4])
    return qid, flags, ".".join(labels), qtype, qclass, pos + 4


def encode_name(name):
    out = b""
    for label in normalise(name).split("."):
        if label:
            out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\x00"


def encode_rdata(qtype, value):
    if qtype == TYPE_A:
        return ipaddress.IPv4Address(value).packed
    if qtype == TYPE_AAAA:
        return ipaddress.IPv6Address(value).packed
    priority, weight, port, target = value
    return struct.pack("!HHH", priority, weight, port) + encode_name(target)


def build_reply(packet, zone):
    """The reply to one query packet (bytes), or None if it is not worth answering."""
    try:
        qid, flags, qname, qtype, qclass, end = parse_question(packet)
    except ValueError:
        if len(packet) < 2:
            return None
        return packet[:2] + struct.pack("!HHHHH", 0x8000 | RCODE_FORMERR, 0, 0, 0, 0)
    rd = flags & 0x0100
    question = packet[12:end]
    records = []
    entry = zone.get(normalise(qname))
    if entry is None:
        rcode = RCODE_NXDOMAIN
    elif qtype in TYPE_NAMES:
        rcode = RCODE_NOERROR
        records = entry.get(TYPE_NAMES[qtype], [])
    else:
        rcode = RCODE_NOERROR  # known name, type we do not serve: NODATA
    # QR, AA, RA (stub resolvers such as libunbound treat a forwarder without RA as lame), RD echoed
    header = struct.pack("!HHHHHH", qid, 0x8000 | 0x0400 | 0x0080 | rd | rcode, 1, len(records),
                         0, 0)
    answers = b""
    for value in records:
        rdata = encode_rdata(qtype, value)
        # name = pointer to the question's name at offset 12; class IN; TTL 60
        answers += struct.pack("!HHHIH", 0xC00C, qtype, 1, 60, len(rdata)) + rdata
    return header + question + answers


class FakeDns:
    """Serves `zone` on UDP host:port (port 0 = the OS picks) from a daemon thread."""

    def __init__(self, zone, host="127.0.0.1", port=0):
        self.zone = {normalise(k): v for k, v in zone.items()}
        self.queries = []  # (name, type) in arrival order, for assertions
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.sock.settimeout(0.2)  # lets the thread notice stop() promptly
        self.host, self.port = host, self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _serve(self):
        while not self._stop.is_set():
            try:
                packet, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                _, _, qname, qtype, _, _ = parse_question(packet)
                self.queries.append((normalise(qname), TYPE_NAMES.get(qtype, str(qtype))))
            except ValueError:
                pass
            reply = build_reply(packet, self.zone)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.sock.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --- A private network in which this fake DNS is the system resolver ------------------------------

CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def _bring_loopback_up():
    import fcntl
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifreq = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(s.fileno(), SIOCGIFFLAGS, ifreq))[1]
        fcntl.ioctl(s.fileno(), SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP))


def serve_as_system_resolver(zone, workdir):
    """Moves THIS process (and the children it starts later) into new network and mount
    namespaces, brings their loopback up, serves `zone` on 127.0.0.1:53 and bind-mounts a
    resolv.conf naming it over /etc/resolv.conf (inside the mount namespace only). So every
    resolver the tests start (glibc, c-ares, libunbound) asks this server, and the servers
    under test can use any 127.x.y.z address and fixed ports without meeting anything else.
    Irreversible for the process: call it once, in a process of its own (one ctest test file).

    Returns (FakeDns, None) or (None, reason) when it cannot be done (not root, no
    unshare(2) permission, threads already running)."""
    import ctypes
    if os.geteuid() != 0:
        return None, "needs root for unshare(CLONE_NEWNET | CLONE_NEWNS)"
    if threading.active_count() > 1:
        return None, "unshare(CLONE_NEWNS) needs a single-threaded process"
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET | CLONE_NEWNS) != 0:
        return None, "unshare(CLONE_NEWNET | CLONE_NEWNS) failed: %s" % os.strerror(ctypes.get_errno())
    # Our mounts must not propagate to the host's mount namespace.
    if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "mount --make-rprivate /")
    _bring_loopback_up()
    dns = FakeDns(zone, "127.0.0.1", 53).start()
    resolv = os.path.join(workdir, "resolv.conf")
    with open(resolv, "w") as f:
        f.write("nameserver 127.0.0.1\noptions timeout:1 attempts:2\n")
    if libc.mount(resolv.encode(), b"/etc/resolv.conf", None, MS_BIND, None) != 0:
        err = ctypes.get_errno()
        dns.stop()
        raise OSError(err, "bind-mount %s on /etc/resolv.conf" % resolv)
    return dns, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zone", help="JSON file with the records")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with open(args.zone, encoding="utf-8") as f:
        zone = json.load(f)
    dns = FakeDns(zone, args.host, args.port).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    print(dns.port, flush=True)
    while not done.wait(1):
        pass
    dns.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
