"""The server's own XEP-0115 caps in the stream features (the ver of its disco#info), the
XEP-0153 photo hash the vcard plugin adds to presence, and XEP-0012 last activity of a contact
that logged out (last + last_sqlite), with and without a subscription."""

import base64
import hashlib
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_BIND, NS_CLIENT, q, to_string  # noqa: E402
from im_helpers import ImTestCase, is_presence  # noqa: E402
from pep_helpers import NS_CAPS, NS_INFO, caps_hash_of  # noqa: E402
from test_xep_disco import error_condition  # noqa: E402

NS_UPDATE = "vcard-temp:x:update"
NS_LAST = "jabber:iq:last"
PHOTO = b"\x89PNG-test-photo-bytes"


def with_status(full, status):
    """An available presence from `full` with that <status/>."""
    def pred(e):
        return is_presence(full, None, True)(e) and e.findtext(q(NS_CLIENT, "status")) == status
    return pred


def plugins():
    return [{"name": n} for n in ("auth_sqlite", "roster_sqlite", "offline_sqlite", "version",
                                  "vcard", "vcard_sqlite", "last", "last_sqlite", "pep")]


class CapsAvatarLastTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": plugins()}]

    def test_server_caps_in_stream_features(self):
        (a,) = self.fresh_users(1)
        c = self.client()
        c.open_stream()
        c.starttls()
        self.assertTrue(c.authenticate(a, self.users[a]).ok)
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_BIND, "bind")))
        caps = feats.find(q(NS_CAPS, "c"))
        self.assertIsNotNone(caps, "no caps in %s" % to_string(feats))
        self.assertEqual(caps.get("hash"), "sha-1")
        self.assertTrue(caps.get("node"))
        c.bind()
        info = c.iq("get", "<query xmlns='%s'/>" % NS_INFO, to=DOMAIN)
        self.assertEqual(caps.get("ver"), caps_hash_of(info.find(q(NS_INFO, "query"))))
        # Before authentication there is nothing to announce.
        c2 = self.client()
        self.assertIsNone(c2.open_stream().find(q(NS_CAPS, "c")))

    def test_photo_hash_added_to_presence(self):
        alice_name, bob_name = self.fresh_users(2)
        alice = self.session(alice_name)
        bob = self.session(bob_name)
        self.make_subscribed(bob, alice)  # bob sees alice's presence
        photo = base64.b64encode(PHOTO).decode()
        reply = alice.c.iq("set", "<vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO><TYPE>image/png"
                                  "</TYPE><BINVAL>%s</BINVAL></PHOTO></vCard>" % photo)
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        alice.send_presence(status="with photo")
        got = bob.c.wait_for(with_status(alice.jid, "with photo"), what="alice's presence")
        x = got.find(q(NS_UPDATE, "x"))
        self.assertIsNotNone(x, "no vcard-temp:x:update in %s" % to_string(got))
        self.assertEqual(x.findtext(q(NS_UPDATE, "photo")), hashlib.sha1(PHOTO).hexdigest())
        # A client's own update element is left alone.
        alice.send_presence(status="own", extra="<x xmlns='%s'><photo>cafe</photo></x>" % NS_UPDATE)
        got = bob.c.wait_for(with_status(alice.jid, "own"), what="alice's presence")
        photos = [p.text for p in got.iter(q(NS_UPDATE, "photo"))]
        self.assertEqual(photos, ["cafe"])

    def test_last_activity_of_a_contact(self):
        alice_name, bob_name, carol_name = self.fresh_users(3)
        alice = self.session(alice_name)
        bob = self.session(bob_name)
        carol = self.session(carol_name)
        self.make_subscribed(alice, bob)  # alice may see bob's presence
        online = alice.c.iq("get", "<query xmlns='%s'/>" % NS_LAST, to=bob.bare)
        self.assertEqual(online.get("type"), "result", error_condition(online))
        self.assertEqual(online.find(q(NS_LAST, "query")).get("seconds"), "0")
        bob.send_presence(type_="unavailable", status="gone fishing")
        alice.wait_presence(bob.jid, "unavailable", full=True)
        bob.c.close()
        reply = alice.c.iq("get", "<query xmlns='%s'/>" % NS_LAST, to=bob.bare)
        self.assertEqual(reply.get("type"), "result", error_condition(reply))
        query = reply.find(q(NS_LAST, "query"))
        self.assertLess(int(query.get("seconds")), 60)
        self.assertEqual(query.text, "gone fishing")
        # Without a subscription: forbidden (XEP-0012 §4).
        denied = carol.c.iq("get", "<query xmlns='%s'/>" % NS_LAST, to=bob.bare)
        self.assertEqual(error_condition(denied), "forbidden")


if __name__ == "__main__":
    unittest.main()
