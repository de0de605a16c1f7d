#!/usr/bin/python3
"""XEP-0352 client state indication: advertised with the `csi` plugin; while a client is
inactive its presence updates are held (newest per sender) and released on <active/> or before
a message; without the plugin <inactive/> is not accepted."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import (DOMAIN, NS_CLIENT, ServerTestCase, default_plugins, q,  # noqa: E402
                     to_string)

NS_CSI = "urn:xmpp:csi:0"


def presence_from(jid, status=None):
    def pred(e):
        if e.tag != q(NS_CLIENT, "presence") or e.get("from") != jid:
            return False
        return status is None or e.findtext(q(NS_CLIENT, "status")) == status
    return pred


class CsiTest(ServerTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": default_plugins() + [{"name": "csi"}]}]
    users = {"alice": "alice-pw"}

    def two_resources(self):
        watcher = self.logged_in("alice", resource="phone")
        watcher.send("<presence/>")
        watcher.wait_for(presence_from(watcher.jid), what="own presence echo")
        other = self.logged_in("alice", resource="desktop")
        return watcher, other

    def test_feature_advertised_after_authentication(self):
        c, _ = self.tls_stream()
        self.assertTrue(c.authenticate("alice", "alice-pw").ok)
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_CSI, "csi")), to_string(feats))

    def test_inactive_holds_presence_and_active_releases_the_newest(self):
        watcher, other = self.two_resources()
        watcher.send("<inactive xmlns='%s'/>" % NS_CSI)
        for status in ("one", "two", "three"):
            other.send("<presence><status>%s</status></presence>" % status)
        other.wait_for(presence_from(other.jid, "three"), what="sender's own echo")
        held = [e for e in watcher.poll(1.0) if presence_from(other.jid)(e)]
        self.assertEqual(held, [], "presence reached an inactive client: %s"
                         % [to_string(e) for e in held])
        watcher.send("<active xmlns='%s'/>" % NS_CSI)
        got = watcher.wait_for(presence_from(other.jid), what="held presence after <active/>")
        self.assertEqual(got.findtext(q(NS_CLIENT, "status")), "three", to_string(got))
        extra = [e for e in watcher.poll(0.5) if presence_from(other.jid)(e)]
        self.assertEqual(extra, [], "older presence updates were not compacted")

    def test_message_is_delivered_at_once_after_the_held_presence(self):
        watcher, other = self.two_resources()
        watcher.send("<inactive xmlns='%s'/>" % NS_CSI)
        other.send("<presence><status>busy</status></presence>")
        other.wait_for(presence_from(other.jid, "busy"), what="sender's own echo")
        mid = other.send_message(watcher.jid, "urgent")
        first = watcher.wait_for(lambda e: e.tag in (q(NS_CLIENT, "presence"), q(NS_CLIENT, "message")),
                                 what="presence or message")
        self.assertTrue(presence_from(other.jid, "busy")(first), to_string(first))
        msg = watcher.wait_message(lambda e: e.get("id") == mid)
        self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), "urgent")


class CsiDisabledTest(ServerTestCase):
    users = {"alice": "alice-pw"}

    def test_not_advertised_and_refused_without_the_plugin(self):
        c, _ = self.tls_stream()
        self.assertTrue(c.authenticate("alice", "alice-pw").ok)
        feats = c.open_stream()
        self.assertIsNone(feats.find(q(NS_CSI, "csi")), to_string(feats))
        c.bind("r")
        c.send("<inactive xmlns='%s'/>" % NS_CSI)
        self.assertStreamError(c, "unsupported-stanza-type")


if __name__ == "__main__":
    unittest.main(verbosity=2)
