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
    header = struct.pack("!HHHHHH", qid, 0x8000 | 0x0400 | rd | rcode, 1, len(records), 0, 0)
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
