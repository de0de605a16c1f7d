#!/usr/bin/python3
"""XEP-0199 from the server: a silent client is pinged; one that answers stays, one that never
answers is disconnected with <connection-timeout/>."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import NS_CLIENT, NS_PING, ServerTestCase, q, to_string  # noqa: E402


def is_ping(e):
    return (e.tag == q(NS_CLIENT, "iq") and e.get("type") == "get"
            and e.find(q(NS_PING, "ping")) is not None)


class ServerPingTest(ServerTestCase):
    # A tick every second; ping after 2 s of silence; no answer within a tick: gone.
    c2s_options = {"keepalive_interval": 1, "ping_interval": 2}
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def test_silent_client_is_pinged_and_kept_when_it_answers(self):
        c = self.logged_in("alice", resource="answers")
        for _ in range(2):
            ping = c.wait_for(is_ping, timeout=10, what="server ping")
            self.assertEqual(ping.get("to"), c.jid, to_string(ping))
            c.send("<iq type='result' id='%s' to='%s'/>" % (ping.get("id"), ping.get("from")))
        # still connected and working
        self.assertEqual(c.iq("get", "<ping xmlns='%s'/>" % NS_PING).get("type"), "result")

    def test_client_that_never_answers_is_disconnected(self):
        c = self.logged_in("bob", resource="silent")
        c.wait_for(is_ping, timeout=10, what="server ping")
        self.assertStreamError(c, "connection-timeout", timeout=10)


if __name__ == "__main__":
    unittest.main(verbosity=2)
