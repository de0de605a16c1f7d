"""XEP-0030 service discovery of the server: the core's identity and features merged with what
the enabled plugins advertise (disco.server_info), each feature once; disco#items; unknown nodes;
a server without plugins advertises only the core. Also slixmpp's xep_0030 client.

SlixmppMixin (an event loop per test and logged-in slixmpp clients) is shared by the other
test_xep_*.py files."""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, NS_PING, NS_STANZA_ERR, ServerTestCase, q  # noqa: E402
from im_helpers import SlixmppLoop  # noqa: E402

try:
    import slixmpp
    from test_login_slixmpp import make_client
except ImportError:  # pragma: no cover
    slixmpp = None

NS_INFO = "http://jabber.org/protocol/disco#info"
NS_ITEMS = "http://jabber.org/protocol/disco#items"
CORE_FEATURES = {NS_INFO, NS_ITEMS, "urn:xmpp:ping", "jabber:iq:roster"}
PLUGIN_FEATURES = {"jabber:iq:version", "urn:xmpp:time", "jabber:iq:last", "vcard-temp",
                   "jabber:iq:private"}
ALL_PLUGINS = [{"name": n} for n in ("auth_sqlite", "version", "time", "last", "vcard",
                                     "vcard_sqlite", "private", "private_sqlite")]


def error_condition(reply):
    """The stanza error condition of an IQ reply, or None for a result."""
    err = reply.find(q(NS_CLIENT, "error"))
    if err is None:
        return None
    for child in err:
        if child.tag.startswith("{%s}" % NS_STANZA_ERR) and not child.tag.endswith("}text"):
            return child.tag.split("}", 1)[1]
    return "?"


class SlixmppMixin(SlixmppLoop):
    """im_helpers.SlixmppLoop (an event loop per test, clients disconnected afterwards) with
    clients logged in with SCRAM-SHA-256 over STARTTLS."""

    async def slix(self, user, plugins=()):
        xmpp = make_client("%s@%s/slix" % (user, self.domain), self.users[user], "SCRAM-SHA-256")
        for p in plugins:
            xmpp.register_plugin(p)
        self.clients.append(xmpp)
        xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
        await asyncio.wait_for(xmpp.session_started, 15)
        return xmpp


class DiscoWithPluginsTest(SlixmppMixin, ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": ALL_PLUGINS}]

    def info(self, client, to="localhost", node=None):
        node_attr = " node='%s'" % node if node else ""
        return client.iq("get", "<query xmlns='%s'%s/>" % (NS_INFO, node_attr), to=to)

    def test_identity_and_every_feature_once(self):
        alice = self.logged_in("alice")
        reply = self.info(alice)
        self.assertEqual(reply.get("type"), "result")
        self.assertEqual(reply.get("from"), "localhost")
        query = reply.find(q(NS_INFO, "query"))
        identities = [(i.get("category"), i.get("type"), i.get("name"))
                      for i in query.findall(q(NS_INFO, "identity"))]
        self.assertEqual(identities, [("server", "im", "djabberd")])
        features = [f.get("var") for f in query.findall(q(NS_INFO, "feature"))]
        self.assertEqual(len(features), len(set(features)),
                         "a feature appears twice: %s" % features)
        self.assertEqual(set(features), CORE_FEATURES | PLUGIN_FEATURES)

    def test_no_to_is_the_server_too(self):
        alice = self.logged_in("alice")
        reply = self.info(alice, to=None)
        self.assertEqual(reply.get("type"), "result")
        features = {f.get("var") for f in reply.iter(q(NS_INFO, "feature"))}
        self.assertEqual(features, CORE_FEATURES | PLUGIN_FEATURES)

    def test_unknown_node_is_item_not_found(self):
        alice = self.logged_in("alice")
        self.assertEqual(error_condition(self.info(alice, node="no-such-node")), "item-not-found")
        reply = alice.iq("get", "<query xmlns='%s' node='nope'/>" % NS_ITEMS, to="localhost")
        self.assertEqual(error_condition(reply), "item-not-found")

    def test_own_bare_jid_is_the_account(self):
        alice = self.logged_in("alice")
        reply = self.info(alice, to="alice@localhost")
        self.assertEqual(reply.get("type"), "result")
        self.assertEqual(reply.get("from"), "alice@localhost")
        identities = [(i.get("category"), i.get("type"))
                      for i in reply.iter(q(NS_INFO, "identity"))]
        self.assertEqual(identities, [("account", "registered")])

    def test_items_is_an_empty_query(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<query xmlns='%s'/>" % NS_ITEMS, to="localhost")
        self.assertEqual(reply.get("type"), "result")
        query = reply.find(q(NS_ITEMS, "query"))
        self.assertIsNotNone(query)
        self.assertEqual(list(query), [])

    def test_answers_keep_the_order_of_requests(self):
        # While the disco hook runs, a pipelined ping waits behind it (RFC 6120 §10.1).
        alice = self.logged_in("alice")
        alice.send("<iq type='get' id='d1' to='localhost'><query xmlns='%s'/></iq>"
                   "<iq type='get' id='p1'><ping xmlns='%s'/></iq>"
                   "<iq type='get' id='d2' to='localhost'><query xmlns='%s'/></iq>"
                   % (NS_INFO, NS_PING, NS_ITEMS))
        ids = [alice.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq")).get("id") for _ in range(3)]
        self.assertEqual(ids, ["d1", "p1", "d2"])

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
    def test_slixmpp_get_info(self):
        async def scenario():
            alice = await self.slix("alice", ["xep_0030"])
            info = await alice["xep_0030"].get_info(jid="localhost", timeout=10)
            features = set(info["disco_info"]["features"])
            self.assertTrue(PLUGIN_FEATURES <= features, features)
            self.assertIn(("server", "im", None, "djabberd"), info["disco_info"]["identities"])
            items = await alice["xep_0030"].get_items(jid="localhost", timeout=10)
            self.assertEqual(list(items["disco_items"]["items"]), [])
        self.run_scenario(scenario())


class DiscoWithoutPluginsTest(ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [{"name": "auth_sqlite"}]}]

    def test_only_the_core_is_advertised_and_answered(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<query xmlns='%s'/>" % NS_INFO, to="localhost")
        self.assertEqual(reply.get("type"), "result")
        features = [f.get("var") for f in reply.iter(q(NS_INFO, "feature"))]
        self.assertEqual(sorted(features), sorted(CORE_FEATURES))
        # Not advertised, not answered.
        reply = alice.iq("get", "<query xmlns='jabber:iq:version'/>", to="localhost")
        self.assertEqual(error_condition(reply), "service-unavailable")
        reply = alice.iq("get", "<vCard xmlns='vcard-temp'/>")
        self.assertEqual(error_condition(reply), "service-unavailable")


if __name__ == "__main__":
    unittest.main()
