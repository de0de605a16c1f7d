#!/usr/bin/python3
"""Acknowledged means durable (issue 9): with XEP-0198 on, the server's <a h=/> counts a
client's message only once it reached a session or offline storage committed it. A sender bursts
messages to an offline user while asking for acks; the test SIGKILLs the daemon (its own PID)
mid-burst, restarts it on the same data directory, and the recipient must get every message up
to the highest acknowledged h, none twice."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import DOMAIN, NS_CLIENT, q, to_string  # noqa: E402
from im_helpers import RestartableServer, im_plugins  # noqa: E402

NS_SM = "urn:xmpp:sm:3"
BURST = 300
KILL_AFTER = 200  # messages sent before the kill (the rest of the burst never goes out)


class DurabilityTest(unittest.TestCase):

    def setUp(self):
        if os.environ.get("DJABBERD_TEST_EXTERNAL"):
            self.skipTest("the test kills and restarts its own djabberd")
        plugins = im_plugins() + [{"name": "stream_management", "ack_every": 5},
                                  {"name": "blocking"}, {"name": "blocklist_sqlite"}]
        self.server = RestartableServer(vhosts=[{"domain": DOMAIN, "plugins": plugins}])
        self.addCleanup(self.server.cleanup)
        self.server.start()
        self.server.adduser("alice@%s" % DOMAIN, "alice-pw")
        self.server.adduser("bob@%s" % DOMAIN, "bob-pw")

    def run(self, result=None):
        before = (len(result.failures), len(result.errors)) if result is not None else None
        out = super().run(result)
        server = getattr(self, "server", None)
        if result is not None and before != (len(result.failures), len(result.errors)) and server:
            sys.stderr.write("\n===== djabberd log (%s) =====\n%s\n===== end of log =====\n"
                             % (self.id(), server.log_tail(300)))
        return out

    def client(self, user, resource):
        from harness import XmppClient
        c = XmppClient(self.server.port, domain=DOMAIN)
        self.addCleanup(c.close)
        c.login(user, "%s-pw" % user, resource=resource)
        return c

    def test_every_acknowledged_message_survives_a_crash(self):
        self.burst_crash_and_check(self.client("alice", "sender"))

    def test_with_a_block_list_too(self):
        """A sender with a block list: each message passes the sender's block check (in its
        account actor) before it is stored; the ack must still wait for the store."""
        alice = self.client("alice", "sender")
        reply = alice.iq("set", "<block xmlns='urn:xmpp:blocking'><item jid='mallory@%s'/></block>"
                         % DOMAIN)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.burst_crash_and_check(alice)

    def burst_crash_and_check(self, alice):
        alice.send("<enable xmlns='%s'/>" % NS_SM)
        alice.wait_for(lambda e: e.tag == q(NS_SM, "enabled"), what="<enabled/>")
        highest = 0
        for i in range(KILL_AFTER):
            alice.send("<message to='bob@%s' type='chat' id='d%d'><body>%d</body></message>"
                       % (DOMAIN, i, i))
            if i % 10 == 9:
                alice.send("<r xmlns='%s'/>" % NS_SM)
                for e in alice.poll(0.02):
                    if e.tag == q(NS_SM, "a"):
                        highest = max(highest, int(e.get("h")))
        # Collect what was acknowledged so far without waiting for the rest, then crash.
        for e in alice.poll(0.05):
            if e.tag == q(NS_SM, "a"):
                highest = max(highest, int(e.get("h")))
        self.server.restart_after_kill9()
        self.assertGreater(highest, 0, "the server acknowledged nothing before the kill")
        self.assertLessEqual(highest, KILL_AFTER)

        bob = self.client("bob", "reader")
        bob.send("<presence/>")
        bodies = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            got = [e for e in bob.poll(1.0) if e.tag == q(NS_CLIENT, "message")]
            if not got:
                break
            bodies.extend(int(e.findtext(q(NS_CLIENT, "body"))) for e in got)
        self.assertEqual(len(bodies), len(set(bodies)), "duplicates: %s" % bodies)
        missing = [i for i in range(highest) if i not in set(bodies)]
        self.assertEqual(missing, [], "acknowledged (h=%d) but lost after the crash" % highest)
        self.assertEqual(bodies, sorted(bodies), "offline messages out of order")


if __name__ == "__main__":
    unittest.main()
