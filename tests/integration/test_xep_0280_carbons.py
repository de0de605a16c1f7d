"""XEP-0280 Message Carbons (urn:xmpp:carbons:2), with the `carbons` plugin on the vhost.

`a1`, `a2`, `a3` are resources of one account, `b` is another user. Enabling is per
resource; copies go to the account's other available carbons-enabled resources:
<received/> for messages the account got (to its bare JID or to one of its full JIDs),
<sent/> for messages one of its resources sent. Raw client for exact stanzas, plus a slixmpp
client with its xep_0280 plugin.

Negative checks ("this resource got no copy") use the account actor as a barrier: the copies
are made by the account's actor, so a roster get from the checked resource, sent after the
original message was delivered, is answered only after any copy of it went out (RFC 6120
§10.1 in-order processing between the same entities).
"""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, q, stanza_error_condition, to_string  # noqa: E402
from im_helpers import ImTestCase, SlixmppLoop, im_plugins, is_message_id  # noqa: E402

try:
    import slixmpp
    from test_rfc6121_subscriptions import make_slix
except ImportError:  # pragma: no cover - depends on the interpreter
    slixmpp = None

NS_CARBONS = "urn:xmpp:carbons:2"
NS_FORWARD = "urn:xmpp:forward:0"
NS_HINTS = "urn:xmpp:hints"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
MESSAGE = q(NS_CLIENT, "message")
BODY = q(NS_CLIENT, "body")


def with_carbons_plugin(plugins):
    names = [p.get("name") for p in plugins]
    return plugins if "carbons" in names else plugins + [{"name": "carbons"}]


def without_carbons_plugin(plugins):
    return [p for p in plugins if p.get("name") != "carbons"]


def forwarded_of(msg, kind):
    """The message inside <kind xmlns=carbons><forwarded/></kind>, or None."""
    wrapper = msg.find(q(NS_CARBONS, kind))
    if wrapper is None:
        return None
    fwd = wrapper.find(q(NS_FORWARD, "forwarded"))
    return None if fwd is None else fwd.find(MESSAGE)


def is_carbon(kind, msg_id):
    def pred(e):
        if e.tag != MESSAGE:
            return False
        inner = forwarded_of(e, kind)
        return inner is not None and inner.get("id") == msg_id
    return pred


def is_any_copy_of(msg_id):
    return lambda e: is_carbon("received", msg_id)(e) or is_carbon("sent", msg_id)(e)


class CarbonsTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": with_carbons_plugin(im_plugins())}]

    def enable(self, im, enable=True, to=None):
        reply = im.c.iq("set", "<%s xmlns='%s'/>" % ("enable" if enable else "disable", NS_CARBONS),
                        to=to)
        self.assertEqual(reply.get("type"), "result",
                         "XEP-0280 §4/§5: enabling/disabling is answered with a result: %s"
                         % to_string(reply))
        self.assertEqual(len(list(reply)), 0, to_string(reply))
        return reply

    def account(self, carbons=(True, True, False), priorities=(5, 1, 0)):
        """One account with a resource per entry; carbons enabled as given."""
        (user,) = self.fresh_users(1, prefix="carb")
        out = []
        for i, (on, prio) in enumerate(zip(carbons, priorities)):
            im = self.session(user, resource="a%d" % (i + 1), roster=False, priority=prio)
            if on:
                self.enable(im)
            out.append(im)
        return out

    def other(self):
        (user,) = self.fresh_users(1, prefix="peer")
        return self.session(user, resource="b", roster=False)

    def barrier(self, *ims):
        """Everything the account actor made for these resources before now has arrived."""
        for im in ims:
            r = im.roster_get()
            self.assertEqual(r.get("type"), "result", to_string(r))

    def assert_no_copy(self, ims, msg_id, what):
        self.barrier(*ims)
        for im in ims:
            got = [to_string(e) for e in im.c.queue if is_any_copy_of(msg_id)(e)]
            self.assertEqual(got, [], "%s: unexpected carbon at %s" % (what, im.jid))

    def check_carbon(self, carbon, kind, account_bare, resource_jid, original_from, original_to,
                     msg_id, type_="chat"):
        self.assertEqual(carbon.get("from"), account_bare,
                         "XEP-0280 §11: a carbon comes from the user's bare JID: %s" % to_string(carbon))
        self.assertEqual(carbon.get("to"), resource_jid, to_string(carbon))
        self.assertEqual(carbon.get("type"), type_, to_string(carbon))
        inner = forwarded_of(carbon, kind)
        self.assertIsNotNone(inner, to_string(carbon))
        self.assertEqual(inner.get("id"), msg_id, to_string(carbon))
        self.assertEqual(inner.get("from"), original_from, to_string(carbon))
        self.assertEqual(inner.get("to"), original_to, to_string(carbon))
        self.assertIsNotNone(inner.findtext(BODY), to_string(carbon))

    # --- enabling
    def test_4_enable_and_disable_answered(self):
        (a,) = self.account(carbons=(False,), priorities=(0,))
        self.enable(a)
        self.enable(a)  # twice is fine
        self.enable(a, to=a.bare)
        self.enable(a, enable=False, to=DOMAIN)
        self.enable(a, enable=False)

    def test_4_enable_get_is_bad_request(self):
        (a,) = self.account(carbons=(False,), priorities=(0,))
        reply = a.c.iq("get", "<enable xmlns='%s'/>" % NS_CARBONS)
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        self.assertEqual(stanza_error_condition(reply)[0], "bad-request", to_string(reply))

    def test_3_disco_advertises_carbons(self):
        (a,) = self.account(carbons=(False,), priorities=(0,))
        reply = a.c.iq("get", "<query xmlns='%s'/>" % NS_DISCO_INFO, to=DOMAIN)
        features = [f.get("var") for f in reply.iter(q(NS_DISCO_INFO, "feature"))]
        self.assertIn(NS_CARBONS, features, to_string(reply))

    # --- received
    def test_6_received_chat_to_bare_jid(self):
        a1, a2, a3 = self.account()
        b = self.other()
        mid = b.c.send_message(a1.bare, "to the bare JID")
        msg = a1.c.wait_message(is_message_id(mid))  # highest priority gets the original
        self.assertIsNone(forwarded_of(msg, "received"), to_string(msg))
        carbon = a2.c.wait_message(is_carbon("received", mid))
        self.check_carbon(carbon, "received", a1.bare, a2.jid, b.jid, a1.bare, mid)
        self.assert_no_copy([a1, a3], mid, "bare-JID chat (a1 got the original, a3 has no carbons)")
        self.assertFalse(any(is_message_id(mid)(e) for e in a3.c.queue))

    def test_6_received_chat_to_full_jid(self):
        a1, a2, a3 = self.account()
        b = self.other()
        mid = b.c.send_message(a2.jid, "to a2")
        a2.c.wait_message(is_message_id(mid))
        carbon = a1.c.wait_message(is_carbon("received", mid))
        self.check_carbon(carbon, "received", a1.bare, a1.jid, b.jid, a2.jid, mid)
        self.assert_no_copy([a2, a3], mid, "full-JID chat")

    def test_6_received_normal_with_body(self):
        a1, a2, _ = self.account()
        b = self.other()
        mid = b.c.send_message(a2.jid, "normal message", type_="normal")
        a2.c.wait_message(is_message_id(mid))
        carbon = a1.c.wait_message(is_carbon("received", mid))
        self.check_carbon(carbon, "received", a1.bare, a1.jid, b.jid, a2.jid, mid, type_="normal")

    def test_6_not_copied_headline_and_normal_without_body(self):
        a1, a2, _ = self.account()
        b = self.other()
        mid = b.c.send_message(a2.jid, "news", type_="headline")
        a2.c.wait_message(is_message_id(mid))
        nid = b.c.next_id("nobody")
        b.c.send("<message to='%s' id='%s'><subject>only a subject</subject></message>" % (a2.jid, nid))
        a2.c.wait_message(is_message_id(nid))
        self.assert_no_copy([a1], mid, "headline")
        self.assert_no_copy([a1], nid, "normal message without body")

    # --- sent
    def test_6_sent_carbons(self):
        a1, a2, a3 = self.account()
        b = self.other()
        mid = a1.c.send_message(b.bare, "from a1")
        got = b.c.wait_message(is_message_id(mid))
        self.assertEqual(got.get("from"), a1.jid, to_string(got))
        carbon = a2.c.wait_message(is_carbon("sent", mid))
        self.check_carbon(carbon, "sent", a1.bare, a2.jid, a1.jid, b.bare, mid)
        self.assert_no_copy([a1, a3], mid, "sent chat (a1 sent it, a3 has no carbons)")

    def test_6_sent_by_resource_without_carbons_copied_to_others(self):
        a1, a2, a3 = self.account()
        b = self.other()
        mid = a3.c.send_message(b.jid, "from a3")
        b.c.wait_message(is_message_id(mid))
        for im in (a1, a2):
            carbon = im.c.wait_message(is_carbon("sent", mid))
            self.check_carbon(carbon, "sent", a1.bare, im.jid, a3.jid, b.jid, mid)

    # --- exclusions
    def test_7_private_not_copied_but_delivered(self):
        a1, a2, _ = self.account()
        b = self.other()
        mid = b.c.next_id("priv")
        b.c.send("<message to='%s' id='%s' type='chat'><body>secret</body>"
                 "<private xmlns='%s'/><no-copy xmlns='%s'/></message>"
                 % (a2.jid, mid, NS_CARBONS, NS_HINTS))
        a2.c.wait_message(is_message_id(mid))
        sid = a1.c.next_id("priv")
        a1.c.send("<message to='%s' id='%s' type='chat'><body>secret</body>"
                  "<private xmlns='%s'/></message>" % (b.bare, sid, NS_CARBONS))
        b.c.wait_message(is_message_id(sid))
        self.assert_no_copy([a1], mid, "received <private/> message")
        self.assert_no_copy([a2], sid, "sent <private/> message")

    def test_no_copy_hint_not_copied(self):
        a1, a2, _ = self.account()
        b = self.other()
        mid = b.c.next_id("nocopy")
        b.c.send("<message to='%s' id='%s' type='chat'><body>x</body><no-copy xmlns='%s'/></message>"
                 % (a1.bare, mid, NS_HINTS))
        a1.c.wait_message(is_message_id(mid))
        self.assert_no_copy([a2], mid, "<no-copy/> message")

    def test_11_client_cannot_inject_carbons(self):
        a1, a2, _ = self.account()
        b = self.other()
        mid = b.c.next_id("fake")
        b.c.send("<message to='%s' id='%s' type='chat'><received xmlns='%s'><forwarded xmlns='%s'>"
                 "<message xmlns='jabber:client' from='%s' to='%s' id='inner' type='chat'>"
                 "<body>forged</body></message></forwarded></received></message>"
                 % (a2.jid, mid, NS_CARBONS, NS_FORWARD, a1.bare, a2.jid))
        got = a2.c.wait_message(is_message_id(mid))
        self.assertEqual(got.get("from"), b.jid, "XEP-0280 §11: the server stamps the real sender, "
                         "so a client sees the forged wrapper is not from its own account: %s"
                         % to_string(got))
        self.barrier(a1)
        self.assertFalse(any(is_message_id(mid)(e) or is_carbon("received", "inner")(e)
                             for e in a1.c.queue), "a carbon of a carbon reached a1")

    def test_5_disabled_resource_gets_nothing(self):
        a1, a2, _ = self.account()
        b = self.other()
        self.enable(a2, enable=False)
        mid = b.c.send_message(a1.jid, "after disable")
        a1.c.wait_message(is_message_id(mid))
        self.assert_no_copy([a2], mid, "a2 disabled carbons")
        # and once every resource disabled, nothing changes for plain delivery
        self.enable(a1, enable=False)
        mid2 = b.c.send_message(a1.jid, "all disabled")
        a1.c.wait_message(is_message_id(mid2))
        self.assert_no_copy([a2], mid2, "every resource disabled carbons")

    def test_6_unavailable_resource_gets_no_carbons(self):
        (user,) = self.fresh_users(1, prefix="carb")
        a1 = self.session(user, resource="a1", roster=False, priority=1)
        a2 = self.session(user, resource="a2", roster=False, presence=False)  # never available
        self.enable(a1)
        self.enable(a2)
        b = self.other()
        mid = b.c.send_message(a1.jid, "x")
        a1.c.wait_message(is_message_id(mid))
        self.assert_no_copy([a2], mid, "a connected but unavailable resource")

    def test_6_resource_gone_then_carbons_of_others_still_work(self):
        a1, a2, a3 = self.account(carbons=(True, True, True), priorities=(1, 1, 1))
        b = self.other()
        a3.c.close()
        mid = b.c.send_message(a1.jid, "after a3 left")
        a1.c.wait_message(is_message_id(mid))
        carbon = a2.c.wait_message(is_carbon("received", mid))
        self.check_carbon(carbon, "received", a1.bare, a2.jid, b.jid, a1.jid, mid)


class CarbonsWithoutPluginTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": without_carbons_plugin(im_plugins())}]

    def test_enable_is_service_unavailable(self):
        (user,) = self.fresh_users(1)
        a = self.session(user, roster=False)
        reply = a.c.iq("set", "<enable xmlns='%s'/>" % NS_CARBONS)
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        self.assertEqual(stanza_error_condition(reply)[0], "service-unavailable", to_string(reply))

    def test_disco_does_not_advertise_carbons(self):
        (user,) = self.fresh_users(1)
        a = self.session(user, roster=False)
        reply = a.c.iq("get", "<query xmlns='%s'/>" % NS_DISCO_INFO, to=DOMAIN)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        features = [f.get("var") for f in reply.iter(q(NS_DISCO_INFO, "feature"))]
        self.assertNotIn(NS_CARBONS, features, to_string(reply))


@unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
class SlixmppCarbonsTest(SlixmppLoop, ImTestCase):
    """slixmpp's xep_0280 plugin enables carbons and sees both kinds of copies."""
    vhosts = [{"domain": DOMAIN, "plugins": with_carbons_plugin(im_plugins())}]

    def test_slixmpp_received_and_sent_carbons(self):
        user, peer = self.fresh_users(2)
        raw = self.session(user, resource="raw", priority=1)
        b = self.session(peer, resource="b", roster=False)
        got = {"received": asyncio.Queue(), "sent": asyncio.Queue()}

        async def scenario():
            xmpp = make_slix("%s@%s/slix" % (user, DOMAIN), self.users[user])
            xmpp.register_plugin("xep_0280")
            xmpp.add_event_handler("carbon_received",
                                   lambda m: got["received"].put_nowait(m["carbon_received"]))
            xmpp.add_event_handler("carbon_sent",
                                   lambda m: got["sent"].put_nowait(m["carbon_sent"]))
            self.clients.append(xmpp)
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            await asyncio.wait_for(xmpp.session_started, 15)
            await xmpp["xep_0280"].enable(timeout=10)
            mid = b.c.send_message(raw.jid, "hello raw")
            inner = await asyncio.wait_for(got["received"].get(), 10)
            self.assertEqual(inner["id"], mid)
            self.assertEqual(inner["body"], "hello raw")
            self.assertEqual(str(inner["from"]), b.jid)
            sid = raw.c.send_message(b.bare, "hello b")
            inner = await asyncio.wait_for(got["sent"].get(), 10)
            self.assertEqual(inner["id"], sid)
            self.assertEqual(str(inner["to"]), b.bare)
            await xmpp["xep_0280"].disable(timeout=10)

        self.run_scenario(scenario(), 60)


if __name__ == "__main__":
    unittest.main()
