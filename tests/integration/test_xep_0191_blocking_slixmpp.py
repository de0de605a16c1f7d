"""XEP-0191 against slixmpp's own xep_0191 plugin: block, the block list, the push to another
resource, a blocked sender refused, unblock."""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN  # noqa: E402
from im_helpers import ImTestCase, SlixmppLoop, im_plugins, is_message_id  # noqa: E402

try:
    import slixmpp
    from test_rfc6121_subscriptions import make_slix
except ImportError:  # pragma: no cover
    slixmpp = None


@unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
class SlixmppBlockingTest(SlixmppLoop, ImTestCase):
    vhosts = [{"domain": DOMAIN,
               "plugins": im_plugins() + [{"name": "blocking"}, {"name": "blocklist_sqlite"}]}]

    def test_block_list_push_refusal_and_unblock(self):
        user, peer = self.fresh_users(2, "sb")
        other = self.session(user, resource="raw")       # another resource of the user
        other.c.iq("get", "<blocklist xmlns='urn:xmpp:blocking'/>")  # asks: gets pushes
        sender = self.session(peer, resource="p", roster=False)

        async def scenario():
            xmpp = make_slix("%s@%s/slix" % (user, DOMAIN), self.users[user])
            xmpp.register_plugin("xep_0191")
            self.clients.append(xmpp)
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            await asyncio.wait_for(xmpp.session_started, 15)
            await xmpp["xep_0191"].block([sender.bare], timeout=10)
            listed = await xmpp["xep_0191"].get_blocked(timeout=10)
            self.assertEqual({str(j) for j in listed["blocklist"]["items"]}, {sender.bare})
            # XEP-0191 §3.3: the other resource that asked for the list gets the push.
            other.c.wait_for(lambda e: e.find("{urn:xmpp:blocking}block") is not None,
                             what="block push")
            # The blocked sender's message is refused, not delivered.
            mid = sender.c.send_message(other.jid, "let me in")
            err = sender.c.wait_for(lambda e: e.get("id") == mid and e.get("type") == "error",
                                    what="refusal of the blocked sender")
            self.assertIsNotNone(err)
            await xmpp["xep_0191"].unblock([sender.bare], timeout=10)
            listed = await xmpp["xep_0191"].get_blocked(timeout=10)
            self.assertEqual(set(listed["blocklist"]["items"]), set())
            mid = sender.c.send_message(other.jid, "now it works")
            other.c.wait_for(is_message_id(mid), what="message after unblock")

        self.run_scenario(scenario(), 60)


if __name__ == "__main__":
    unittest.main()
