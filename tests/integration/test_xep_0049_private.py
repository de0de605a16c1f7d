"""Private XML storage (XEP-0049) through the private and private_sqlite plugins: set/get, the
empty element for what is not stored, forbidden for other users and the server, the XEP's
errors for bad queries, and XEP-0048 bookmarks with slixmpp."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import ServerTestCase, q  # noqa: E402
from test_xep_disco import SlixmppMixin, error_condition, slixmpp  # noqa: E402

NS_PRIVATE = "jabber:iq:private"
PREFS = "<prefs xmlns='urn:example:prefs'>%s</prefs>"


def private(inner):
    return "<query xmlns='%s'>%s</query>" % (NS_PRIVATE, inner)


class PrivateTest(SlixmppMixin, ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "private"},
        {"name": "private_sqlite"},
    ]}]

    def stored(self, reply, tag):
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        query = reply.find(q(NS_PRIVATE, "query"))
        self.assertIsNotNone(query)
        return query.find(tag)

    def test_set_then_get(self):
        alice = self.logged_in("alice")
        reply = alice.iq("set", private(PREFS % "<nick>Al</nick>"))
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        got = self.stored(alice.iq("get", private(PREFS % "")), "{urn:example:prefs}prefs")
        self.assertEqual(got.findtext("{urn:example:prefs}nick"), "Al")
        # To the own bare JID is the same storage; a second set replaces.
        reply = alice.iq("set", private(PREFS % "<nick>Al2</nick>"), to="alice@localhost")
        self.assertEqual(reply.get("type"), "result")
        got = self.stored(alice.iq("get", private(PREFS % "")), "{urn:example:prefs}prefs")
        self.assertEqual(got.findtext("{urn:example:prefs}nick"), "Al2")
        # Another user's storage is separate.
        bob = self.logged_in("bob")
        got = self.stored(bob.iq("get", private(PREFS % "")), "{urn:example:prefs}prefs")
        self.assertEqual(list(got), [])

    def test_nothing_stored_is_the_empty_element(self):
        carol = self.logged_in("carol")
        got = self.stored(carol.iq("get", private("<x xmlns='urn:example:none'/>")),
                          "{urn:example:none}x")
        self.assertIsNotNone(got)
        self.assertEqual(list(got), [])

    def test_other_users_and_the_server_are_forbidden(self):
        bob = self.logged_in("bob")
        self.assertEqual(error_condition(bob.iq("get", private(PREFS % ""), to="alice@localhost")),
                         "forbidden")
        self.assertEqual(error_condition(bob.iq("set", private(PREFS % "x"), to="alice@localhost")),
                         "forbidden")
        self.assertEqual(error_condition(bob.iq("get", private(PREFS % ""), to="localhost")),
                         "forbidden")

    def test_bad_queries(self):
        alice = self.logged_in("alice")
        self.assertEqual(error_condition(alice.iq("get", private(""))), "bad-request")
        self.assertEqual(error_condition(alice.iq("set", private(""))), "bad-request")
        reserved = "<vCard xmlns='vcard-temp'><FN>A</FN></vCard>"
        self.assertEqual(error_condition(alice.iq("set", private(reserved))), "not-acceptable")
        two = "<a xmlns='urn:example:a'/><b xmlns='urn:example:b'/>"
        self.assertEqual(error_condition(alice.iq("get", private(two))), "bad-request")

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
    def test_slixmpp_bookmarks(self):
        from slixmpp.plugins.xep_0048.stanza import Bookmarks

        async def scenario():
            alice = await self.slix("alice", ["xep_0049", "xep_0048"])
            marks = Bookmarks()
            marks.add_conference("room@conference.localhost", "al", name="Room", autojoin=True)
            await alice["xep_0048"].set_bookmarks(marks, method="xep_0049", timeout=10)
            got = await alice["xep_0048"].get_bookmarks(method="xep_0049", timeout=10)
            confs = got["private"]["bookmarks"]["conferences"]
            self.assertEqual(len(confs), 1)
            self.assertEqual(confs[0]["jid"], "room@conference.localhost")
            self.assertEqual(confs[0]["nick"], "al")
            self.assertTrue(confs[0]["autojoin"])
        self.run_scenario(scenario())


if __name__ == "__main__":
    unittest.main()
