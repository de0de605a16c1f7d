"""Idle bound sessions release their XML parser (keepalive tick) and work on unchanged afterwards."""

import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, NS_PING, ServerTestCase, q, to_string  # noqa: E402

RELEASED = re.compile(r"#(\d+) idle: XML parser released")


class IdleReleaseTest(ServerTestCase):
    # The keepalive tick is also the idle-release timer: one second keeps the test short.
    c2s_options = {"keepalive_interval": 1}

    def released_sessions(self, start):
        lines = self.server.log.split("\n")[start:]
        return {m.group(1) for m in map(RELEASED.search, lines) if m}

    def wait_released(self, count, start, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.released_sessions(start)) >= count:
                return
            time.sleep(0.2)
        self.fail("fewer than %d sessions released their parser:\n%s"
                  % (count, self.server.log_tail(50)))

    def test_idle_sessions_keep_working(self):
        alice = self.logged_in("alice", resource="idle-a")
        bob = self.logged_in("bob", resource="idle-b")
        for rounds in range(2):  # a second release after the parser was recreated
            start = self.server.log_line_count()
            self.wait_released(2, start)
            m1 = alice.send_message(bob.jid, "after release %d" % rounds)
            msg = bob.wait_message(lambda e, i=m1: e.tag == q(NS_CLIENT, "message") and
                                   e.get("id") == i)
            self.assertEqual(msg.get("from"), alice.jid)
            self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), "after release %d" % rounds)
            m2 = bob.send_message(alice.jid, "reply %d" % rounds)
            alice.wait_message(lambda e, i=m2: e.get("id") == i)
            res = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING, to="localhost")
            self.assertEqual(res.get("type"), "result", to_string(res))
        start = self.server.log_line_count()
        self.wait_released(2, start)
        for c in (alice, bob):
            c.send("</stream:stream>")
            stream_ended, eof = c.wait_closed()
            self.assertTrue(stream_ended, "no </stream:stream> from the server")
            self.assertTrue(eof)
        self.assertTrue(self.server.running())


if __name__ == "__main__":
    unittest.main()
