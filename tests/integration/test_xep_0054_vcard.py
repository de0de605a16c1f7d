"""vCards (XEP-0054) through the vcard and vcard_sqlite plugins: set/get of one's own vCard, other
users reading it, nobody else writing it, the size limit, the server's domain, and slixmpp's
xep_0054 client (persistence is tested by vcard_sqlite's unit tests)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import ServerTestCase, q  # noqa: E402
from test_xep_disco import SlixmppMixin, error_condition, slixmpp  # noqa: E402

NS_VCARD = "vcard-temp"
MAX_SIZE = 2000


def vcard(fn, extra=""):
    return "<vCard xmlns='%s'><FN>%s</FN>%s</vCard>" % (NS_VCARD, fn, extra)


class VcardTest(SlixmppMixin, ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "roster_sqlite"},
        {"name": "vcard", "max_size": MAX_SIZE},
        {"name": "vcard_sqlite"},
    ]}]

    def fn_of(self, reply):
        self.assertEqual(reply.get("type"), "result")
        card = reply.find(q(NS_VCARD, "vCard"))
        self.assertIsNotNone(card, "no vCard in the result")
        return card.findtext(q(NS_VCARD, "FN"))

    def test_empty_vcard_when_none_is_stored(self):
        carol = self.logged_in("carol")
        reply = carol.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD)
        self.assertEqual(reply.get("type"), "result")
        card = reply.find(q(NS_VCARD, "vCard"))
        self.assertIsNotNone(card)
        self.assertEqual(list(card), [])

    def test_set_get_and_another_user_reads_it(self):
        alice = self.logged_in("alice")
        set_reply = alice.iq("set", vcard("Alice A.", "<NICKNAME>al</NICKNAME>"))
        self.assertEqual(set_reply.get("type"), "result", error_condition(set_reply))
        self.assertEqual(self.fn_of(alice.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD)), "Alice A.")
        own_bare = alice.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD, to="alice@localhost")
        self.assertEqual(self.fn_of(own_bare), "Alice A.")
        bob = self.logged_in("bob")
        theirs = bob.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD, to="alice@localhost")
        self.assertEqual(theirs.get("from"), "alice@localhost")
        self.assertEqual(self.fn_of(theirs), "Alice A.")
        self.assertEqual(theirs.find(q(NS_VCARD, "vCard")).findtext(q(NS_VCARD, "NICKNAME")), "al")

    def test_setting_another_users_vcard_is_forbidden(self):
        bob = self.logged_in("bob")
        reply = bob.iq("set", vcard("Not Alice"), to="alice@localhost")
        self.assertEqual(error_condition(reply), "forbidden")

    def test_too_large_is_not_acceptable(self):
        alice = self.logged_in("alice")
        reply = alice.iq("set", vcard("x" * (MAX_SIZE + 1)))
        self.assertEqual(error_condition(reply), "not-acceptable")
        err = reply.find("{jabber:client}error")
        self.assertEqual(err.get("type"), "modify")
        self.assertIn(str(MAX_SIZE), err.findtext("{urn:ietf:params:xml:ns:xmpp-stanzas}text"))

    def test_the_server_has_no_vcard(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD, to="localhost")
        self.assertEqual(error_condition(reply), "service-unavailable")

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
    def test_slixmpp_publish_and_get(self):
        async def scenario():
            bob = await self.slix("bob", ["xep_0054"])
            card = bob["xep_0054"].make_vcard()
            card["FN"] = "Bob Slix"
            card["NICKNAME"] = "bobby"
            await bob["xep_0054"].publish_vcard(card, timeout=10)
            carol = await self.slix("carol", ["xep_0054"])
            got = await carol["xep_0054"].get_vcard("bob@localhost", local=False, timeout=10)
            self.assertEqual(got["vcard_temp"]["FN"], "Bob Slix")
            nick = got.xml.find("{%s}vCard/{%s}NICKNAME" % (NS_VCARD, NS_VCARD))
            self.assertEqual(nick.text, "bobby")
        self.run_scenario(scenario())


if __name__ == "__main__":
    unittest.main()
