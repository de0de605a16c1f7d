"""XEP-0163 Personal Eventing Protocol through the pep and pep_sqlite plugins, with raw clients
that announce XEP-0115 caps and answer the server's disco#info for them: XEP-0084 avatars
notified only to contacts with +notify, XEP-0402 bookmarks on a whitelist node, an XEP-0384
OMEMO device list on an open node with its last item sent to a contact that comes online,
publish-options preconditions, retract and delete notifications, owner configuration,
disco#info/#items of the account, and the nodes surviving a restart."""

import asyncio
import base64
import hashlib
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, q  # noqa: E402
from im_helpers import ImTestCase, RestartableServer  # noqa: E402
from pep_helpers import (NS_EVENT, NS_INFO, NS_ITEMS, NS_OWNER, NS_PUBSUB, NS_DATA,  # noqa: E402
                         event_item_ids, form, get_items, go_available_with_caps, is_event,
                         item_ids, publish, pubsub_condition)
from test_xep_disco import SlixmppMixin, error_condition, slixmpp  # noqa: E402

AVATAR_DATA = "urn:xmpp:avatar:data"
AVATAR_META = "urn:xmpp:avatar:metadata"
BOOKMARKS = "urn:xmpp:bookmarks:1"
DEVICELIST = "eu.siacs.conversations.axolotl.devicelist"
PNG = b"\x89PNG\r\n\x1a\n-not-really-an-image-"


def pep_plugins():
    return [{"name": "auth_sqlite"}, {"name": "roster_sqlite"}, {"name": "offline_sqlite"},
            {"name": "pep"}, {"name": "pep_sqlite"}]


def avatar_payloads():
    sha1 = hashlib.sha1(PNG).hexdigest()
    data = "<data xmlns='%s'>%s</data>" % (AVATAR_DATA, base64.b64encode(PNG).decode())
    meta = ("<metadata xmlns='%s'><info bytes='%d' id='%s' height='1' width='1' "
            "type='image/png'/></metadata>" % (AVATAR_META, len(PNG), sha1))
    return sha1, data, meta


class PepTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": pep_plugins()}]

    def contacts(self, n=2):
        """`n` fresh users with 'both' subscriptions between the first and each other one,
        logged in without presence caps; returns their Im sessions."""
        names = self.fresh_users(n)
        ims = [self.session(u) for u in names]
        for other in ims[1:]:
            self.make_subscribed(ims[0], other, both=True)
        return ims

    def assert_result(self, reply):
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        return reply

    def test_avatar_notified_to_contacts_with_notify_only(self):
        alice, bob, carol = self.contacts(3)
        go_available_with_caps(alice, [AVATAR_META + "+notify"])
        go_available_with_caps(bob, [AVATAR_META + "+notify"])
        go_available_with_caps(carol, ["urn:xmpp:avatar:metadata"])  # no +notify
        sha1, data, meta = avatar_payloads()
        self.assert_result(publish(alice, AVATAR_DATA, sha1, data))
        reply = self.assert_result(publish(alice, AVATAR_META, sha1, meta))
        published = reply.find(q(NS_PUBSUB, "pubsub")).find(q(NS_PUBSUB, "publish"))
        self.assertEqual(published.get("node"), AVATAR_META)
        for im in (bob, alice):
            note = im.c.wait_for(is_event(AVATAR_META, owner=alice.bare), what="metadata event")
            self.assertEqual(note.get("type"), "headline")
            self.assertEqual(event_item_ids(note), [sha1])
            info = note.find(".//{%s}info" % AVATAR_META)
            self.assertEqual(info.get("id"), sha1)
        self.assert_not_received(alice, [carol], is_event(AVATAR_META), "metadata without +notify")
        self.assert_not_received(alice, [bob], is_event(AVATAR_DATA), "data without +notify")
        # The data is read on demand by a subscribed contact (presence access model).
        got = self.assert_result(get_items(bob, alice.bare, AVATAR_DATA, ids=[sha1]))
        self.assertEqual(item_ids(got), [sha1])
        payload = got.find(".//{%s}data" % AVATAR_DATA)
        self.assertEqual(base64.b64decode(payload.text), PNG)
        # Someone without a subscription may not read a presence node.
        (dave,) = self.fresh_users(1)
        stranger = self.session(dave)
        denied = get_items(stranger, alice.bare, AVATAR_DATA)
        self.assertEqual(error_condition(denied), "not-authorized")
        self.assertEqual(pubsub_condition(denied), "presence-subscription-required")

    def test_bookmarks_on_a_whitelist_node(self):
        alice, bob = self.contacts(2)
        second = self.session(alice.user)  # another resource of alice
        options = {"pubsub#persist_items": "true", "pubsub#access_model": "whitelist",
                   "pubsub#max_items": "max", "pubsub#send_last_published_item": "never"}
        room = "room@conference.%s" % DOMAIN
        conf = ("<conference xmlns='%s' name='Room' autojoin='true'><nick>al</nick></conference>"
                % BOOKMARKS)
        self.assert_result(publish(alice, BOOKMARKS, room, conf, options))
        self.assert_result(publish(alice, BOOKMARKS, "other@conference." + DOMAIN, conf, options))
        mine = self.assert_result(get_items(second, None, BOOKMARKS))
        self.assertEqual(sorted(item_ids(mine)), sorted([room, "other@conference." + DOMAIN]))
        denied = get_items(bob, alice.bare, BOOKMARKS)
        self.assertEqual(error_condition(denied), "not-allowed")
        self.assertEqual(pubsub_condition(denied), "closed-node")
        # The node is whitelist: publishing with other options fails (XEP-0060 §7.1.5).
        clash = publish(alice, BOOKMARKS, "x@conference." + DOMAIN, conf,
                        {"pubsub#access_model": "open"})
        self.assertEqual(error_condition(clash), "conflict")
        self.assertEqual(pubsub_condition(clash), "precondition-not-met")
        # Not visible to bob's disco#items, visible to alice's.
        items = bob.c.iq("get", "<query xmlns='%s'/>" % NS_ITEMS, to=alice.bare)
        nodes = [i.get("node") for i in items.iter(q(NS_ITEMS, "item"))]
        self.assertNotIn(BOOKMARKS, nodes)
        items = alice.c.iq("get", "<query xmlns='%s'/>" % NS_ITEMS, to=alice.bare)
        nodes = [i.get("node") for i in items.iter(q(NS_ITEMS, "item"))]
        self.assertIn(BOOKMARKS, nodes)

    def test_open_devicelist_and_last_item_when_a_contact_comes_online(self):
        a, b = self.fresh_users(2)
        alice = self.session(a)
        bob = self.session(b)
        self.make_subscribed(alice, bob, both=True)
        bob.c.close()
        devices = "<list xmlns='eu.siacs.conversations.axolotl'><device id='12345'/></list>"
        self.assert_result(publish(alice, DEVICELIST, "current", devices,
                                   {"pubsub#access_model": "open"}))
        # bob logs in again, announcing interest: the last item comes without asking.
        bob = self.session(b, presence=False)
        go_available_with_caps(bob, [DEVICELIST + "+notify"])
        note = bob.c.wait_for(is_event(DEVICELIST, owner=alice.bare), what="last devicelist")
        self.assertEqual(event_item_ids(note), ["current"])
        # Open: a stranger reads it too.
        (carol,) = self.fresh_users(1)
        stranger = self.session(carol)
        self.assertEqual(item_ids(self.assert_result(get_items(stranger, alice.bare, DEVICELIST))),
                         ["current"])

    def test_precondition_not_met_and_bad_options(self):
        (a,) = self.fresh_users(1)
        alice = self.session(a)
        self.assert_result(publish(alice, "urn:test:pre", "1", "<x xmlns='urn:test'/>"))
        clash = publish(alice, "urn:test:pre", "2", "<x xmlns='urn:test'/>",
                        {"pubsub#max_items": "5"})
        self.assertEqual(error_condition(clash), "conflict")
        self.assertEqual(pubsub_condition(clash), "precondition-not-met")
        bad = publish(alice, "urn:test:new", "1", "<x xmlns='urn:test'/>",
                      {"pubsub#access_model": "roster"})
        self.assertEqual(error_condition(bad), "conflict")
        self.assertEqual(pubsub_condition(bad), "precondition-not-met")
        # Matching options are fine.
        self.assert_result(publish(alice, "urn:test:pre", "3", "<x xmlns='urn:test'/>",
                                   {"pubsub#max_items": "1", "pubsub#access_model": "presence"}))
        self.assertEqual(item_ids(self.assert_result(get_items(alice, None, "urn:test:pre"))),
                         ["3"])

    def test_retract_and_delete_notify(self):
        alice, bob = self.contacts(2)
        node = "urn:test:retract"
        go_available_with_caps(bob, [node + "+notify"])
        opts = {"pubsub#max_items": "10"}
        self.assert_result(publish(alice, node, "one", "<x xmlns='urn:test'/>", opts))
        self.assert_result(publish(alice, node, "two", "<x xmlns='urn:test'/>", opts))
        for _ in range(2):
            bob.c.wait_for(is_event(node, owner=alice.bare), what="item event")
        self.assert_result(alice.c.iq(
            "set", "<pubsub xmlns='%s'><retract node='%s' notify='true'><item id='one'/></retract>"
                   "</pubsub>" % (NS_PUBSUB, node)))
        note = bob.c.wait_for(is_event(node, owner=alice.bare), what="retract event")
        retract = note.find(q(NS_EVENT, "event")).find(q(NS_EVENT, "items")).find(
            q(NS_EVENT, "retract"))
        self.assertEqual(retract.get("id"), "one")
        self.assertEqual(item_ids(self.assert_result(get_items(bob, alice.bare, node))), ["two"])
        # Retracting again: the item is gone.
        again = alice.c.iq("set", "<pubsub xmlns='%s'><retract node='%s'><item id='one'/>"
                                  "</retract></pubsub>" % (NS_PUBSUB, node))
        self.assertEqual(error_condition(again), "item-not-found")
        # Only the owner retracts, configures and deletes.
        self.assertEqual(error_condition(bob.c.iq(
            "set", "<pubsub xmlns='%s'><retract node='%s'><item id='two'/></retract></pubsub>"
                   % (NS_PUBSUB, node), to=alice.bare)), "forbidden")
        self.assertEqual(error_condition(bob.c.iq(
            "set", "<pubsub xmlns='%s'><delete node='%s'/></pubsub>" % (NS_OWNER, node),
            to=alice.bare)), "forbidden")
        self.assert_result(alice.c.iq(
            "set", "<pubsub xmlns='%s'><delete node='%s'/></pubsub>" % (NS_OWNER, node)))
        bob.c.wait_for(is_event(node, kind="delete", owner=alice.bare), what="delete event")
        self.assertEqual(error_condition(get_items(bob, alice.bare, node)), "item-not-found")

    def test_owner_configuration(self):
        (a,) = self.fresh_users(1)
        alice = self.session(a)
        node = "urn:test:config"
        for i in range(3):
            self.assert_result(publish(alice, node, str(i), "<x xmlns='urn:test'/>",
                                       {"pubsub#max_items": "3"}))
        got = self.assert_result(alice.c.iq(
            "get", "<pubsub xmlns='%s'><configure node='%s'/></pubsub>" % (NS_OWNER, node)))
        fields = {f.get("var"): f.findtext(q(NS_DATA, "value"))
                  for f in got.iter(q(NS_DATA, "field"))}
        self.assertEqual(fields["FORM_TYPE"], NS_PUBSUB + "#node_config")
        self.assertEqual(fields["pubsub#max_items"], "3")
        self.assertEqual(fields["pubsub#access_model"], "presence")
        self.assert_result(alice.c.iq(
            "set", "<pubsub xmlns='%s'><configure node='%s'>%s</configure></pubsub>"
                   % (NS_OWNER, node, form(NS_PUBSUB + "#node_config",
                                           {"pubsub#max_items": "1"}))))
        self.assertEqual(item_ids(self.assert_result(get_items(alice, None, node))), ["2"])
        missing = alice.c.iq("get", "<pubsub xmlns='%s'><configure node='urn:none'/></pubsub>"
                             % NS_OWNER)
        self.assertEqual(error_condition(missing), "item-not-found")
        # max_items in a request: the newest ones.
        self.assertEqual(error_condition(get_items(alice, None, "urn:none")), "item-not-found")

    def test_account_disco_info_advertises_pep(self):
        (a,) = self.fresh_users(1)
        alice = self.session(a)
        reply = self.assert_result(alice.c.iq("get", "<query xmlns='%s'/>" % NS_INFO,
                                              to=alice.bare))
        identities = {(i.get("category"), i.get("type")) for i in reply.iter(q(NS_INFO, "identity"))}
        self.assertIn(("pubsub", "pep"), identities)
        features = {f.get("var") for f in reply.iter(q(NS_INFO, "feature"))}
        self.assertIn(NS_PUBSUB + "#publish-options", features)


class PepSlixmppTest(SlixmppMixin, ImTestCase):
    """Real clients: slixmpp's xep_0084 registers +notify for avatar metadata in its caps."""

    vhosts = [{"domain": DOMAIN, "plugins": pep_plugins()}]
    AVATAR_CLIENT = ["xep_0030", "xep_0115", "xep_0060", "xep_0163", "xep_0084"]

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
    def test_avatar_between_slixmpp_clients(self):
        a, b, c = self.fresh_users(3)
        raw = [self.session(u) for u in (a, b, c)]
        self.make_subscribed(raw[0], raw[1], both=True)
        self.make_subscribed(raw[0], raw[2], both=True)
        for im in raw:
            im.c.close()
        sha1 = hashlib.sha1(PNG).hexdigest()

        async def scenario():
            alice = await self.slix(a, self.AVATAR_CLIENT)
            await alice["xep_0084"].publish_avatar(PNG, timeout=10)
            await alice["xep_0084"].publish_avatar_metadata(
                {"id": sha1, "type": "image/png", "bytes": len(PNG)}, timeout=10)
            bob = await self.slix(b, self.AVATAR_CLIENT)
            got = self.loop.create_future()
            bob.add_event_handler("avatar_metadata_publish",
                                  lambda msg: got.done() or got.set_result(msg))
            carol = await self.slix(c, ["xep_0030", "xep_0115"])  # no +notify
            carol_events = []
            carol.add_event_handler("pubsub_publish", carol_events.append)
            bob.send_presence()
            carol.send_presence()
            # bob comes online after the publish: the last item is his notification.
            msg = await asyncio.wait_for(got, 15)
            self.assertEqual(msg["from"].bare, "%s@%s" % (a, DOMAIN))
            self.assertEqual(msg["pubsub_event"]["items"]["item"]["id"], sha1)
            # The data itself is fetched on demand.
            data = await bob["xep_0084"].retrieve_avatar("%s@%s" % (a, DOMAIN), sha1, timeout=10)
            self.assertEqual(data["pubsub"]["items"]["item"]["avatar_data"]["value"], PNG)
            # carol, without +notify, got nothing before a message alice sends afterwards.
            alice.send_message(mto="%s@%s/slix" % (c, DOMAIN), mbody="marker", mtype="chat")
            marker = await asyncio.wait_for(carol.received.get(), 10)
            self.assertEqual(marker["body"], "marker")
            self.assertEqual(carol_events, [])
        self.run_scenario(scenario())


class PepDisabledTest(ImTestCase):
    """Without the pep plugin pubsub to an account is service-unavailable."""

    def test_service_unavailable(self):
        (a,) = self.fresh_users(1)
        alice = self.session(a)
        reply = publish(alice, "urn:test", "1", "<x xmlns='urn:test'/>")
        self.assertEqual(error_condition(reply), "service-unavailable")


class PepRestartTest(ImTestCase):
    """Nodes, their configuration and items survive a restart (pep_sqlite)."""

    @classmethod
    def setUpClass(cls):
        cls._had_failure = False

    def setUp(self):
        if os.environ.get("DJABBERD_TEST_EXTERNAL"):
            self.skipTest("restarts need a djabberd started by the test")
        self.users = {}
        self.server = RestartableServer(vhosts=[{"domain": DOMAIN, "plugins": pep_plugins()}])
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def test_persistence_over_restart(self):
        (a,) = self.fresh_users(1)
        alice = self.session(a)
        options = {"pubsub#access_model": "whitelist", "pubsub#max_items": "max"}
        for i in ("a", "b"):
            self.assert_result(publish(alice, BOOKMARKS, i, "<x xmlns='urn:test'/>", options))
        alice.c.close()
        self.server.restart()
        alice = self.session(a)
        self.assertEqual(item_ids(self.assert_result(get_items(alice, None, BOOKMARKS))),
                         ["a", "b"])
        clash = publish(alice, BOOKMARKS, "c", "<x xmlns='urn:test'/>",
                        {"pubsub#access_model": "presence"})
        self.assertEqual(pubsub_condition(clash), "precondition-not-met")

    def assert_result(self, reply):
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        return reply


if __name__ == "__main__":
    unittest.main()
