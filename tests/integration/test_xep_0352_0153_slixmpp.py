"""XEP-0352 and XEP-0153 against slixmpp's own plugins: xep_0352 sees the <csi/> feature and its
<inactive/> holds presence updates until <active/> (the newest one then arrives); a photo another
resource of the account puts in the vCard reaches slixmpp's xep_0153 as a vcard_avatar_update
with the photo's SHA-1 (the server adds the hash to presence), and the avatar xep_0153 sets is
stored in the vCard and announced the same way."""

import asyncio
import base64
import hashlib
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, q, to_string  # noqa: E402
from im_helpers import ImTestCase, SlixmppLoop, im_plugins, is_presence  # noqa: E402

try:
    import slixmpp
    from test_rfc6121_subscriptions import make_slix
except ImportError:  # pragma: no cover
    slixmpp = None

NS_UPDATE = "vcard-temp:x:update"


def plugins():
    return im_plugins() + [{"name": "csi"}, {"name": "vcard"}, {"name": "vcard_sqlite"}]


@unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
class SlixmppCsiAvatarTest(SlixmppLoop, ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": plugins()}]

    def slix(self, user, *xeps):
        xmpp = make_slix("%s@%s/slix" % (user, DOMAIN), self.users[user])
        for xep in xeps:
            xmpp.register_plugin(xep)
        self.clients.append(xmpp)
        xmpp.statuses = []  # (from, status) of every available presence slixmpp got
        xmpp.add_event_handler("presence_available",
                               lambda p: xmpp.statuses.append((str(p["from"]), p["status"])))
        xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
        return xmpp

    async def until(self, condition, what, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for " + what)
            await asyncio.sleep(0.05)

    def test_inactive_holds_presence_until_active(self):
        (user,) = self.fresh_users(1, "csi")
        other = self.session(user, resource="desktop")

        async def scenario():
            xmpp = self.slix(user, "xep_0352")
            await asyncio.wait_for(xmpp.session_started, 15)
            self.assertTrue(xmpp["xep_0352"].enabled, "slixmpp did not see the <csi/> feature")
            other.c.wait_for(is_presence(xmpp.boundjid.full, None, True),
                             what="the slixmpp resource's presence")
            xmpp["xep_0352"].send_inactive()
            await asyncio.sleep(0.3)  # <inactive/> is processed before the updates below
            for status in ("one", "two", "three"):
                other.send_presence(status=status)
            other.c.wait_for(lambda e: is_presence(other.jid, None, True)(e) and
                             e.findtext(q(NS_CLIENT, "status")) == "three", what="own echo")
            await asyncio.sleep(1.0)
            held = [s for f, s in xmpp.statuses if f == other.jid and s in ("one", "two", "three")]
            self.assertEqual(held, [], "presence reached the inactive client")
            xmpp["xep_0352"].send_active()
            await self.until(lambda: (other.jid, "three") in xmpp.statuses,
                             "the held presence after <active/>")
            await asyncio.sleep(0.5)
            released = [s for f, s in xmpp.statuses if f == other.jid and s in ("one", "two", "three")]
            self.assertEqual(released, ["three"], "held updates are compacted to the newest")

        self.run_scenario(scenario(), 60)

    def test_vcard_avatar_hash_both_ways(self):
        (user,) = self.fresh_users(1, "av")
        other = self.session(user, resource="desktop")
        slix_photo = b"\x89PNG slixmpp avatar bytes"
        raw_photo = b"\x89PNG raw resource avatar bytes"

        async def scenario():
            xmpp = self.slix(user, "xep_0054", "xep_0153")
            updates = []
            xmpp.add_event_handler(
                "vcard_avatar_update",
                lambda p: updates.append((str(p["from"]), p["vcard_temp_update"]["photo"])))
            await asyncio.wait_for(xmpp.session_started, 15)
            # The raw resource sets a photo; the server adds its hash to that resource's presence
            # and slixmpp's xep_0153 reports it.
            reply = other.c.iq("set", "<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE>"
                                      "<BINVAL>%s</BINVAL></PHOTO></vCard>"
                               % base64.b64encode(raw_photo).decode())
            self.assertEqual(reply.get("type"), "result", to_string(reply))
            other.send_presence(status="new photo")
            want = hashlib.sha1(raw_photo).hexdigest()
            await self.until(lambda: (other.jid, want) in updates,
                             "slixmpp's vcard_avatar_update with the raw resource's hash")
            # slixmpp's xep_0153 stores its own avatar in the account's vCard (xep_0054).
            await xmpp["xep_0153"].set_avatar(avatar=slix_photo, mtype="image/png", timeout=10)
            reply = other.c.iq("get", "<vCard xmlns='vcard-temp'/>")
            binval = reply.findtext("{vcard-temp}vCard/{vcard-temp}PHOTO/{vcard-temp}BINVAL")
            self.assertIsNotNone(binval, to_string(reply))
            self.assertEqual(base64.b64decode("".join(binval.split())), slix_photo)
            # The hash the server now adds to the raw resource's presence is that photo's.
            other.send_presence(status="slixmpp's photo")
            want = hashlib.sha1(slix_photo).hexdigest()
            await self.until(lambda: (other.jid, want) in updates,
                             "the hash of slixmpp's avatar in presence")

        self.run_scenario(scenario(), 60)


if __name__ == "__main__":
    unittest.main()
