"""Durability of IM state (RFC 6121 rosters and subscription states, stored inbound
subscription requests per §3.1.3, offline messages per XEP-0160) across a clean server
restart (SIGTERM) and across a crash (SIGKILL of the server's own PID), on the same data
directory and configuration.

Each test starts its own server (im_helpers.RestartableServer).

Note on the crash tests: a roster change is acknowledged (IQ result, roster push) and must
survive a crash after the acknowledgement. An offline message and an inbound subscription
request have no acknowledgement in the protocol; the sender's ping round trip after them
(in-order processing, RFC 6120 §10.1) plus a short grace period stand for "the server has
accepted them" before the kill.
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, to_string  # noqa: E402
from im_helpers import (DELAY_GRACE, ImTestCase, RestartableServer, groups_of,  # noqa: E402
                        im_vhosts, is_message_id)

DELAY_TAG = "{urn:xmpp:delay}delay"
ROSTER_QUERY = "{jabber:iq:roster}query"


class RestartTest(ImTestCase):
    """A server per test (setUp), restartable."""

    @classmethod
    def setUpClass(cls):
        cls._had_failure = False

    def setUp(self):
        if os.environ.get("DJABBERD_TEST_EXTERNAL"):
            self.skipTest("restarts need a djabberd started by the test")
        self.users = {}
        self.server = RestartableServer(vhosts=im_vhosts())
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def run(self, result=None):
        before = (len(result.failures), len(result.errors)) if result is not None else None
        out = super().run(result)
        server = getattr(self, "server", None)
        if result is not None and before != (len(result.failures), len(result.errors)) and server:
            sys.stderr.write("\n===== djabberd log (%s) =====\n%s\n===== end of log =====\n"
                             % (self.id(), server.log_tail(300)))
        return out

    def restart(self, crash):
        if crash:
            self.server.restart_after_kill9()
        else:
            self.server.restart()

    # --- scenarios
    def roster_survives(self, crash):
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        ic = self.session(c, resource="c1")
        self.make_subscribed(iu, ic, both=True)
        other = "plain-item@%s" % DOMAIN
        reply = iu.roster_set(other, name="Plain", groups=["G1", "G2"])
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        iu.wait_push(other)
        self.restart(crash)
        iu2 = self.session(u, presence=False)
        items = iu2.roster_items()
        self.assertIn(ic.bare, items, "the contact vanished from the roster after the restart")
        self.assertEqual(items[ic.bare].get("subscription"), "both", to_string(items[ic.bare]))
        self.assertIn(other, items)
        self.assertEqual(items[other].get("name"), "Plain", to_string(items[other]))
        self.assertEqual(groups_of(items[other]), ["G1", "G2"], to_string(items[other]))
        ic2 = self.session(c, presence=False)
        citem = ic2.roster_item(iu.bare)
        self.assertIsNotNone(citem)
        self.assertEqual(citem.get("subscription"), "both", to_string(citem))
        # and presence still flows on the restored subscription: c's new resource's initial
        # presence reaches u's available resource
        iu2.go_available(status="after restart")
        ic3 = self.session(c, resource="c3")
        iu2.wait_presence(ic3.jid, None, full=True)

    def pending_subscription_survives(self, crash):
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        cb = "%s@%s" % (c, DOMAIN)
        iu.subscribe(cb)
        iu.wait_push_state(cb, "none", "subscribe")
        iu.ping()
        if crash:
            time.sleep(DELAY_GRACE)
        self.restart(crash)
        iu2 = self.session(u, presence=False)
        item = iu2.roster_item(cb)
        self.assertIsNotNone(item, "the pending outbound item vanished")
        self.assertEqual((item.get("subscription", "none"), item.get("ask")), ("none", "subscribe"),
                         to_string(item))
        ic = self.session(c, presence=False)
        ic.send_presence()
        p = ic.wait_presence(iu.bare, "subscribe", full=False)
        self.assertEqual(p.get("from"), iu.bare, to_string(p))

    def offline_messages_survive(self, crash):
        s, r = self.fresh_users(2)
        isnd = self.session(s, resource="s", roster=False)
        rb = "%s@%s" % (r, DOMAIN)
        ids = [isnd.c.send_message(rb, "stored %d" % i) for i in range(20)]
        # The server has processed the messages (in order, RFC 6120 §10.1) once it answers
        # this ping; none was refused.
        isnd.ping()
        refused = [to_string(e) for e in isnd.c.queue if e.get("id") in ids]
        self.assertEqual(refused, [], "messages to an offline user were refused")
        if crash:
            time.sleep(DELAY_GRACE)
        self.restart(crash)
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        got = []
        while len(got) < len(ids):
            try:
                m = ir.c.wait_message(lambda e: e.get("id") in ids)
            except AssertionError:
                break
            self.assertIsNotNone(m.find(DELAY_TAG), "no <delay/>: %s" % to_string(m))
            got.append(m.get("id"))
        missing = [i for i in ids if i not in got]
        self.assertEqual(missing, [], "%d of %d offline messages accepted before the %s were lost "
                         "(got %s)" % (len(missing), len(ids), "SIGKILL" if crash else "SIGTERM", got))
        self.assertEqual(got, ids, "offline messages out of order after the restart")

    def delivered_offline_messages_not_resurrected(self, crash):
        s, r = self.fresh_users(2)
        isnd = self.session(s, resource="s", roster=False)
        rb = "%s@%s" % (r, DOMAIN)
        mid = isnd.c.send_message(rb, "deliver me once")
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        ir.c.wait_message(is_message_id(mid))
        ir.ping()
        if crash:
            time.sleep(DELAY_GRACE)
        self.restart(crash)
        isnd2 = self.session(s, resource="s2", roster=False)
        ir2 = self.session(r, roster=False)
        self.assert_not_received(isnd2, [ir2], is_message_id(mid),
                                 "an offline message that was already delivered before the restart")

    def roster_version_after_restart(self, crash):
        # RFC 6121 §2.6.3: for a roster get with 'ver' the server MUST return either the
        # complete roster or an empty result followed by pushes of the changes; a server that
        # cannot relate the version to its state (e.g. after a restart) returns the complete
        # roster. Never may an outdated version be answered as current.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        first, second = "v-first@%s" % DOMAIN, "v-second@%s" % DOMAIN
        im.roster_set(first, name="F")
        im.wait_push(first)
        old = im.roster_get(ver="").find(ROSTER_QUERY)
        self.assertIsNotNone(old)
        ver_old = old.get("ver")
        if not ver_old:
            self.skipTest("no roster versioning ('ver' missing in the roster result)")
        im.roster_set(second, name="S")
        im.wait_push(second)
        ver_now = im.roster_get(ver="").find(ROSTER_QUERY).get("ver")
        self.restart(crash)
        im2 = self.session(u, roster=False, presence=False)
        # an outdated version: the complete roster, or an empty result + a push for `second`
        stale = im2.roster_get(ver=ver_old)
        self.assertEqual(stale.get("type"), "result", to_string(stale))
        query = stale.find(ROSTER_QUERY)
        if query is None:
            im2.wait_push(second)
        else:
            jids = sorted(i.get("jid") for i in query.findall("{jabber:iq:roster}item"))
            self.assertEqual(jids, sorted([first, second]), "RFC 6121 §2.6.3: not the complete roster: %s"
                             % to_string(stale))
        # the current version: an empty result (SHOULD) or the complete roster
        cur = im2.roster_get(ver=ver_now)
        self.assertEqual(cur.get("type"), "result", to_string(cur))
        query = cur.find(ROSTER_QUERY)
        if query is not None:
            jids = sorted(i.get("jid") for i in query.findall("{jabber:iq:roster}item"))
            self.assertEqual(jids, sorted([first, second]), "RFC 6121 §2.6.3: not the complete roster: %s"
                             % to_string(cur))
            self.assertTrue(query.get("ver"), to_string(cur))

    def preapproval_survives(self, crash):
        u, c = self.fresh_users(2)
        ic = self.session(c, resource="c1")
        ic.subscribe("%s@%s" % (u, DOMAIN), "subscribed")
        push, item = ic.wait_push("%s@%s" % (u, DOMAIN))
        if item.get("approved") != "true":
            self.skipTest("no pre-approval (RFC 6121 §3.4 is optional): %s" % to_string(push))
        self.restart(crash)
        iu = self.session(u, resource="u1")
        iu.subscribe("%s@%s" % (c, DOMAIN))
        iu.wait_presence("%s@%s" % (c, DOMAIN), "subscribed", full=False)
        iu.wait_push_state("%s@%s" % (c, DOMAIN), "to")

    # --- clean restart
    def test_restart_roster_versioning(self):
        self.roster_version_after_restart(crash=False)

    def test_restart_preapproval(self):
        self.preapproval_survives(crash=False)

    def test_kill9_roster_versioning(self):
        self.roster_version_after_restart(crash=True)

    def test_kill9_preapproval(self):
        self.preapproval_survives(crash=True)

    def test_restart_roster_and_subscriptions(self):
        self.roster_survives(crash=False)

    def test_restart_pending_inbound_subscription(self):
        self.pending_subscription_survives(crash=False)

    def test_restart_offline_messages(self):
        self.offline_messages_survive(crash=False)

    def test_restart_delivered_offline_messages_stay_delivered(self):
        self.delivered_offline_messages_not_resurrected(crash=False)

    # --- crash (SIGKILL)
    def test_kill9_roster_and_subscriptions(self):
        self.roster_survives(crash=True)

    def test_kill9_pending_inbound_subscription(self):
        self.pending_subscription_survives(crash=True)

    def test_kill9_offline_messages(self):
        self.offline_messages_survive(crash=True)

    def test_kill9_delivered_offline_messages_stay_delivered(self):
        self.delivered_offline_messages_not_resurrected(crash=True)


if __name__ == "__main__":
    unittest.main()
