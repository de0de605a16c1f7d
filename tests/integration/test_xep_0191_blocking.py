"""XEP-0191 Blocking Command against the running daemon (raw XMPP over sockets).

Checked: the disco feature (present only with the `blocking` plugin, and the IQs refused
without it), retrieving the list, block / unblock / unblock-all with pushes to the two
resources that requested the list (§3.2-§3.5), bad requests, enforcement in both directions
(a blocked sender's message bounced with service-unavailable and not delivered, its IQ refused,
its presence dropped; a stanza to a blocked JID refused with <not-acceptable/> + <blocked/>),
unavailable presence to a blocked subscriber and presence again after unblocking (§3.3, §3.4),
and persistence of the list over a restart.
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, q, stanza_error_condition, to_string  # noqa: E402
from im_helpers import (IQ, ImTestCase, RestartableServer, im_plugins,  # noqa: E402
                        is_message_body, is_presence)

NS_BLOCKING = "urn:xmpp:blocking"
NS_BLOCKING_ERRORS = "urn:xmpp:blocking:errors"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"


NS_SM = "urn:xmpp:sm:3"


def blocking_plugins():
    return im_plugins() + [{"name": "blocking"}, {"name": "blocklist_sqlite"},
                           {"name": "stream_management"}]


def blocklist_of(reply):
    lst = reply.find(q(NS_BLOCKING, "blocklist"))
    assert lst is not None, "no <blocklist/> in %s" % to_string(reply)
    return sorted(i.get("jid") for i in lst.findall(q(NS_BLOCKING, "item")))


def is_block_push(kind, jids=None):
    def pred(e):
        if e.tag != IQ or e.get("type") != "set":
            return False
        payload = e.find(q(NS_BLOCKING, kind))
        if payload is None:
            return False
        got = sorted(i.get("jid") for i in payload.findall(q(NS_BLOCKING, "item")))
        return jids is None or got == sorted(jids)
    return pred


def disco_features(client):
    reply = client.iq("get", "<query xmlns='%s'/>" % NS_DISCO_INFO, to=DOMAIN)
    query = reply.find(q(NS_DISCO_INFO, "query"))
    return {f.get("var") for f in query.findall(q(NS_DISCO_INFO, "feature"))} if query is not None else set()


class BlockingHelpers:
    def get_list(self, im):
        reply = im.c.iq("get", "<blocklist xmlns='%s'/>" % NS_BLOCKING)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        return blocklist_of(reply)

    def block(self, im, *jids):
        items = "".join("<item jid='%s'/>" % j for j in jids)
        return im.c.iq("set", "<block xmlns='%s'>%s</block>" % (NS_BLOCKING, items))

    def unblock(self, im, *jids):
        items = "".join("<item jid='%s'/>" % j for j in jids)
        return im.c.iq("set", "<unblock xmlns='%s'>%s</unblock>" % (NS_BLOCKING, items))

    def ack(self, im, push):
        im.c.send("<iq type='result' id='%s'/>" % push.get("id"))


class BlockingTest(BlockingHelpers, ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": blocking_plugins()}]

    def test_3_1_disco_advertises_the_feature(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        self.assertIn(NS_BLOCKING, disco_features(im.c))

    def test_3_2_empty_list_then_block_unblock_and_unblock_all_pushed_to_both_resources(self):
        (u,) = self.fresh_users(1)
        a = self.session(u, presence=False)
        b = self.session(u, presence=False)
        self.assertEqual(self.get_list(a), [])
        self.assertEqual(self.get_list(b), [])

        r = self.block(a, "romeo@example.net", "iago@example.net")
        self.assertEqual(r.get("type"), "result", to_string(r))
        for im in (a, b):
            push = im.c.wait_for(is_block_push("block", ["romeo@example.net", "iago@example.net"]),
                                 what="block push")
            self.ack(im, push)
        self.assertEqual(self.get_list(b), ["iago@example.net", "romeo@example.net"])

        r = self.unblock(b, "romeo@example.net")
        self.assertEqual(r.get("type"), "result", to_string(r))
        for im in (a, b):
            self.ack(im, im.c.wait_for(is_block_push("unblock", ["romeo@example.net"]),
                                       what="unblock push"))
        self.assertEqual(self.get_list(a), ["iago@example.net"])

        self.block(a, "nurse@example.net")
        for im in (a, b):
            self.ack(im, im.c.wait_for(is_block_push("block", ["nurse@example.net"])))
        r = self.unblock(a)  # §3.5: no items = everything
        self.assertEqual(r.get("type"), "result", to_string(r))
        for im in (a, b):
            self.ack(im, im.c.wait_for(is_block_push("unblock", []), what="unblock-all push"))
        self.assertEqual(self.get_list(b), [])

    def test_3_3_no_push_to_a_resource_that_never_asked(self):
        (u,) = self.fresh_users(1)
        a = self.session(u, presence=False)
        silent = self.session(u, presence=False)
        self.get_list(a)
        self.block(a, "romeo@example.net")
        self.ack(a, a.c.wait_for(is_block_push("block")))
        self.assert_quiet(silent, is_block_push("block"), "a push to a resource without the list")

    def test_3_3_empty_block_and_malformed_jid_are_bad_requests(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        r = im.c.iq("set", "<block xmlns='%s'/>" % NS_BLOCKING)
        self.assertEqual(stanza_error_condition(r)[0], "bad-request", to_string(r))
        r = self.block(im, "a@@b")
        self.assertEqual(stanza_error_condition(r)[0], "bad-request", to_string(r))
        self.assertEqual(self.get_list(im), [])

    def test_3_3_blocked_senders_message_bounced_and_not_delivered(self):
        u, v = self.fresh_users(2)
        user = self.session(u)
        contact = self.session(v)
        self.block(user, contact.bare)
        # To the bare JID and to the full JID (the router's direct path).
        for to in (user.bare, user.jid):
            contact.c.send("<message to='%s' id='m-%s' type='chat'><body>hi %s</body></message>"
                           % (to, to, to))
            err = contact.c.wait_for(lambda e: e.tag == q(NS_CLIENT, "message")
                                     and e.get("type") == "error" and e.get("id") == "m-" + to,
                                     what="bounce of the message to %s" % to)
            self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))
        # An IQ get is refused the same way.
        r = contact.c.iq("get", "<query xmlns='jabber:iq:version'/>", to=user.jid)
        self.assertEqual(stanza_error_condition(r)[0], "service-unavailable", to_string(r))
        self.assertEqual([to_string(e) for e in user.c.queue if e.tag == q(NS_CLIENT, "message")
                          and (e.findtext(q(NS_CLIENT, "body")) or "").startswith("hi ")], [])
        # A third party still gets through (marker), proving the user's stream is alive.
        (w,) = self.fresh_users(1)
        other = self.session(w)
        self.assert_not_received(other, [user], is_message_body("hi " + user.jid),
                                 "a blocked sender's message")

    def test_3_3_acknowledged_messages_pass_the_block_checks_first(self):
        """With XEP-0198 on, a message is acknowledged only once it was handled: a blocked
        sender's message to the bare JID (which goes to the account, not to a session) is still
        bounced and not delivered or stored, and the <a/> counts it after the bounce; a message
        from an account with a block list to a JID it has not blocked is delivered."""
        u, v, w = self.fresh_users(3)
        user = self.session(u)
        contact = self.session(v)
        third = self.session(w)
        self.block(user, contact.bare)
        self.block(contact, "nobody@" + DOMAIN)  # the sender has a block list of its own
        contact.c.send("<enable xmlns='%s'/>" % NS_SM)
        contact.c.wait_for(lambda e: e.tag == q(NS_SM, "enabled"), what="<enabled/>")
        for to in (user.bare, user.jid, third.jid):
            contact.c.send("<message to='%s' id='sm-%s' type='chat'><body>acked %s</body></message>"
                           % (to, to, to))
        h = 0
        for _ in range(50):  # <a/> says how many were handled so far; bounded polling
            contact.c.send("<r xmlns='%s'/>" % NS_SM)
            h = int(contact.c.wait_for(lambda e: e.tag == q(NS_SM, "a"), what="<a/>").get("h"))
            if h == 3:
                break
            time.sleep(0.05)
        self.assertEqual(h, 3, "the three messages were never all acknowledged")
        for to in (user.bare, user.jid):
            err = contact.c.wait_for(lambda e: e.tag == q(NS_CLIENT, "message")
                                     and e.get("type") == "error" and e.get("id") == "sm-" + to,
                                     what="bounce of the acknowledged message to %s" % to)
            self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))
        third.c.wait_for(is_message_body("acked " + third.jid), what="the unblocked message")
        self.assert_not_received(third, [user], lambda e: e.tag == q(NS_CLIENT, "message")
                                 and (e.findtext(q(NS_CLIENT, "body")) or "").startswith("acked"),
                                 "a blocked sender's acknowledged message")

    def test_3_3_sending_to_a_blocked_jid_is_refused(self):
        u, v = self.fresh_users(2)
        user = self.session(u)
        contact = self.session(v)
        self.block(user, contact.bare)
        for to in (contact.bare, contact.jid):
            user.c.send("<message to='%s' id='out-%s' type='chat'><body>psst</body></message>"
                        % (to, to))
            err = user.c.wait_for(lambda e: e.tag == q(NS_CLIENT, "message")
                                  and e.get("type") == "error" and e.get("id") == "out-" + to,
                                  what="refusal of the message to %s" % to)
            cond, type_ = stanza_error_condition(err)
            self.assertEqual((cond, type_), ("not-acceptable", "cancel"), to_string(err))
            self.assertIsNotNone(err.find(q(NS_CLIENT, "error")).find(q(NS_BLOCKING_ERRORS, "blocked")),
                                 "the <blocked/> application condition: %s" % to_string(err))
        r = user.c.iq("get", "<query xmlns='jabber:iq:version'/>", to=contact.jid)
        self.assertEqual(stanza_error_condition(r)[0], "not-acceptable", to_string(r))
        # Unblocked: the message goes through again.
        self.unblock(user, contact.bare)
        user.c.send_message(contact.jid, "after unblock")
        contact.c.wait_for(is_message_body("after unblock"), what="message after unblocking")

    def test_3_3_blocked_subscriber_sees_unavailable_and_presence_again_after_unblock(self):
        u, v = self.fresh_users(2)
        user = self.session(u)
        contact = self.session(v)
        self.make_subscribed(contact, user)  # contact is subscribed to the user's presence
        contact.wait_presence(user.jid, None, full=True)
        self.block(user, contact.bare)
        contact.wait_presence(user.jid, "unavailable", full=True)
        # A later presence change of the user is not shown to the blocked contact.
        contact.c.queue[:] = [e for e in contact.c.queue
                              if not is_presence(user.bare, "*", full=False)(e)]
        user.send_presence(status="busy")
        (w,) = self.fresh_users(1)
        other = self.session(w)
        self.assert_not_received(other, [contact], is_presence(user.bare, "*", full=False),
                                 "presence to a blocked contact")
        self.unblock(user, contact.bare)
        contact.wait_presence(user.jid, None, full=True)

    def test_3_3_blocked_contacts_presence_is_dropped(self):
        u, v = self.fresh_users(2)
        user = self.session(u)
        contact = self.session(v)
        self.make_subscribed(user, contact)  # user sees contact's presence
        user.wait_presence(contact.jid, None, full=True)
        self.block(user, contact.bare)
        user.c.queue[:] = [e for e in user.c.queue
                           if not is_presence(contact.bare, "*", full=False)(e)]
        contact.send_presence(status="changed")
        (w,) = self.fresh_users(1)
        other = self.session(w)
        self.assert_not_received(other, [user], is_presence(contact.bare, "*", full=False),
                                 "presence of a blocked contact")


class BlockingDisabledTest(BlockingHelpers, ImTestCase):
    """Without the plugin: no feature, and the IQs are refused."""

    def test_3_1_no_feature_and_service_unavailable(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        self.assertNotIn(NS_BLOCKING, disco_features(im.c))
        r = im.c.iq("get", "<blocklist xmlns='%s'/>" % NS_BLOCKING)
        self.assertEqual(stanza_error_condition(r)[0], "service-unavailable", to_string(r))


class BlockingRestartTest(BlockingHelpers, ImTestCase):
    """The list and its enforcement survive a restart."""

    @classmethod
    def setUpClass(cls):
        cls._had_failure = False

    def setUp(self):
        if os.environ.get("DJABBERD_TEST_EXTERNAL"):
            self.skipTest("restarts need a djabberd started by the test")
        self.users = {}
        self.server = RestartableServer(vhosts=[{"domain": DOMAIN, "plugins": blocking_plugins()}])
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def test_list_persists_and_is_enforced_after_restart(self):
        u, v = self.fresh_users(2)
        user = self.session(u, presence=False)
        self.block(user, "%s@%s" % (v, DOMAIN), "example.net")
        user.c.close()
        self.server.restart()
        user = self.session(u)
        contact = self.session(v)
        self.assertEqual(self.get_list(user), sorted(["%s@%s" % (v, DOMAIN), "example.net"]))
        contact.c.send("<message to='%s' id='late' type='chat'><body>x</body></message>" % user.jid)
        err = contact.c.wait_for(lambda e: e.get("id") == "late" and e.get("type") == "error",
                                 what="bounce after restart")
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))


if __name__ == "__main__":
    unittest.main()
