"""Graceful shutdown on SIGTERM: every open stream gets <system-shutdown/>, exit code 0."""

import os
import signal
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_TLS, DjabberdServer, XmppClient, q  # noqa: E402


class ShutdownTest(unittest.TestCase):

    def start_server(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        server.start()
        server.adduser("alice@localhost", "alice-pw")
        server.adduser("bob@localhost", "bob-pw")
        return server

    def client(self, port, **kw):
        c = XmppClient(port, **kw)
        self.addCleanup(c.close)
        return c

    def assertSystemShutdown(self, c, name):
        cond, elem = c.wait_stream_error(timeout=10)
        self.assertEqual(cond, "system-shutdown", "%s: wrong stream error" % name)
        ended, eof = c.wait_closed(timeout=10)
        self.assertTrue(ended, "%s: no </stream:stream> after system-shutdown; %s" % (name, c._describe()))
        self.assertTrue(eof, "%s: connection not closed" % name)

    def test_sigterm_sends_system_shutdown_to_all_streams(self):
        server = self.start_server()
        alice = self.client(server.port)
        alice.login("alice", "alice-pw", resource="shut")
        bob = self.client(server.tls_port, direct_tls=True)
        bob.login("bob", "bob-pw", mech="PLAIN", resource="shut")
        pre_tls = self.client(server.port)  # stream open, TLS not negotiated
        feats = pre_tls.open_stream()
        self.assertIsNotNone(feats.find(q(NS_TLS, "starttls")))
        pre_auth = self.client(server.port)  # TLS done, not authenticated
        pre_auth.open_stream()
        pre_auth.starttls()

        server.signal(signal.SIGTERM)
        for name, c in (("authenticated STARTTLS client", alice),
                        ("authenticated direct-TLS client", bob),
                        ("stream before TLS", pre_tls), ("stream before SASL", pre_auth)):
            self.assertSystemShutdown(c, name)
        rc = server.wait(timeout=10)
        self.assertIsNotNone(rc, "djabberd still running 10 s after SIGTERM\n" + server.log_tail())
        self.assertEqual(rc, 0, "exit code after SIGTERM\n" + server.log_tail())

        # The listeners are gone.
        for port in (server.port, server.tls_port):
            with self.assertRaises(OSError):
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.close()

    def test_sigterm_without_clients_exits_zero(self):
        server = self.start_server()
        start = time.monotonic()
        server.signal(signal.SIGTERM)
        rc = server.wait(timeout=10)
        self.assertIsNotNone(rc, "djabberd still running 10 s after SIGTERM\n" + server.log_tail())
        self.assertEqual(rc, 0, server.log_tail())
        self.assertLess(time.monotonic() - start, 10)

    def test_sigint_also_shuts_down(self):
        server = self.start_server()
        c = self.client(server.port)
        c.login("alice", "alice-pw", resource="int")
        server.signal(signal.SIGINT)
        self.assertSystemShutdown(c, "authenticated client (SIGINT)")
        rc = server.wait(timeout=10)
        self.assertEqual(rc, 0, server.log_tail())


if __name__ == "__main__":
    unittest.main()
