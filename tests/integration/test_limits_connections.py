"""[limits] per connection: unauthenticated-connection caps, the read-rate token bucket, the cap
on bytes a client leaves unread, and TCP keepalive on accepted sockets. Each limit is crossed,
the exact answer checked, and another client shown to be unaffected."""

import os
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_PING, NS_STREAMS_ERR, ServerTestCase, q, to_string  # noqa: E402

OTHER_ADDRESS = "127.0.0.2"  # another client address on the loopback network


def parse_kv(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


class LimitsTestCase(ServerTestCase):
    def stat(self, name):
        return int(parse_kv(self.server.ctl_ok("stats").stdout)[name])

    def assertPingWorks(self, client, timeout=None):
        reply = client.iq("get", "<ping xmlns='%s'/>" % NS_PING, timeout=timeout)
        self.assertEqual(reply.get("type"), "result", to_string(reply))

    def stream_error_text(self, elem):
        text = elem.find(q(NS_STREAMS_ERR, "text"))
        return text.text if text is not None else ""


class UnauthenticatedCapTest(LimitsTestCase):
    limits = {"max_unauth_per_ip": 3, "max_unauth_total": 5}

    def open_unauthenticated(self, n):
        """n clients with an open stream; retried while slots of an earlier test are still
        being given back (the listener learns of closed connections asynchronously)."""
        clients = []
        deadline = time.monotonic() + 5
        while len(clients) < n:
            c = self.client()
            try:
                c.open_stream()
                clients.append(c)
            except AssertionError:
                c.close()
                self.assertLess(time.monotonic(), deadline, "slots were not given back")
                time.sleep(0.1)
        return clients

    def test_cap_per_address_and_in_total(self):
        alice = self.logged_in("alice")  # authenticated: does not count
        waiting = self.open_unauthenticated(3)
        over = self.client()
        _, elem = self.assertStreamError(over, "policy-violation")
        self.assertEqual(self.stream_error_text(elem),
                         "too many unauthenticated connections from 127.0.0.1")
        refused = self.stat("limit.refused_unauth")
        self.assertGreaterEqual(refused, 1)
        # Other clients are not affected: a bound session, and another address (up to the
        # total cap of 5: 3 + 2).
        self.assertPingWorks(alice)
        others = [self.client(source=OTHER_ADDRESS) for _ in range(2)]
        for c in others:
            c.open_stream()
        _, elem = self.assertStreamError(self.client(source=OTHER_ADDRESS), "policy-violation")
        self.assertEqual(self.stream_error_text(elem), "too many unauthenticated connections")
        # Authenticating frees a slot at once; closing one frees it too (asynchronously).
        others[0].starttls()
        self.assertTrue(others[0].authenticate("bob", "bob-pw").ok)
        waiting[0].close()
        self.open_unauthenticated(1)

    def test_direct_tls_over_the_cap_is_closed(self):
        self.open_unauthenticated(3)
        raw = socket.create_connection(("127.0.0.1", self.server.tls_port), timeout=5)
        self.addCleanup(raw.close)
        self.assertEqual(raw.recv(100), b"", "no TLS yet, so the refusal is a plain close")


class KeepaliveTest(LimitsTestCase):
    def test_accepted_sockets_have_tcp_keepalive(self):
        c = self.client()
        c.open_stream()
        client_port = c.sock.getsockname()[1]
        # /proc/net/tcp: the server's end (local = listener port, remote = our port) runs the
        # keepalive timer (tr = 2) while the connection is idle.
        local = "0100007F:%04X" % self.server.port
        remote = "0100007F:%04X" % client_port
        deadline = time.monotonic() + 5
        timer = None
        while time.monotonic() < deadline:
            with open("/proc/net/tcp") as f:
                for line in f.readlines()[1:]:
                    fields = line.split()
                    if fields[1] == local and fields[2] == remote:
                        timer = fields[5].split(":")[0]
            if timer == "02":
                break
            time.sleep(0.1)
        self.assertEqual(timer, "02", "no keepalive timer on the server's socket")


class ReadRateTest(LimitsTestCase):
    c2s_options = {"max_stanza_size": 200000}
    limits = {"read_rate": 8192, "read_burst": 8192}
    BODY = 40000  # ~4 s at 8 KiB/s beyond the burst

    def test_fast_sender_is_slowed_not_dropped(self):
        alice = self.logged_in("alice", resource="r")
        bob = self.logged_in("bob", resource="r")
        carol = self.logged_in("carol", resource="r")
        paused_before = self.stat("limit.read_paused")
        body = "x" * self.BODY
        started = time.monotonic()
        alice.send_message("bob@localhost/r", body)
        # While alice's bytes trickle in, another client is served normally.
        self.assertPingWorks(carol)
        self.assertFalse(any(e.tag.endswith("message") for e in bob.poll(0.2)),
                         "the whole message passed at once: no rate limit")
        msg = bob.wait_message(timeout=30)
        elapsed = time.monotonic() - started
        self.assertEqual(len(msg.find("{jabber:client}body").text), self.BODY)
        # (40000 - 8192) bytes at 8192 bytes/s take at least ~3.9 s.
        self.assertGreater(elapsed, 3.0)
        self.assertGreater(self.stat("limit.read_paused"), paused_before)
        self.assertPingWorks(alice)  # still connected


class SlowReaderTest(LimitsTestCase):
    c2s_options = {"max_stanza_size": 200000}
    limits = {"max_write_queue": 65536, "read_rate": 100000000, "read_burst": 100000000}
    CHUNK = 16000

    def test_client_that_stops_reading_is_dropped(self):
        slow = self.client()
        # A small receive window, so the kernel buffers fill quickly.
        slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.login("alice", "alice-pw", resource="slow")
        bob = self.logged_in("bob", resource="r")
        carol = self.logged_in("carol", resource="r")
        body = "y" * self.CHUNK
        # Bounded: the kernel buffers (a few MB at most) plus the cap are crossed long before.
        for i in range(800):
            bob.send_message(slow.jid, body)
            if i % 50 == 49 and self.server.wait_for_log(
                    r"stream error: policy-violation \(the client does not read", timeout=0.05):
                break
        self.assertTrue(self.server.wait_for_log(
            r"stream error: policy-violation \(the client does not read what it is sent\)",
            timeout=20), "the slow reader was never cut off")
        self.assertEqual(self.stat("limit.slow_reader_closed"), 1)
        # The slow client reads again: what was queued, then the stream error (within the grace
        # period) or just the end of the connection (after it); never more than was queued.
        deadline = time.monotonic() + 30
        while not slow.eof and time.monotonic() < deadline:
            slow._recv_once(deadline)
        self.assertTrue(slow.eof, "the connection of the slow reader was not closed")
        errors = [e for e in slow.queue if e.tag == q("http://etherx.jabber.org/streams", "error")]
        for e in errors:
            self.assertIsNotNone(e.find(q(NS_STREAMS_ERR, "policy-violation")), to_string(e))
        # The sender and others are unaffected.
        self.assertPingWorks(bob)
        self.assertPingWorks(carol)


if __name__ == "__main__":
    unittest.main()
