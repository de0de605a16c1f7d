"""A third-party client: slixmpp (Debian python3-slixmpp 1.8.3) logs in over STARTTLS and
direct TLS and exchanges messages.

Run with /usr/bin/python3 (the Debian interpreter that has slixmpp).

Channel binding: slixmpp 1.8.3 only knows tls-unique. When it has TLS it sends the GS2
flag "y" for a non-PLUS SCRAM mechanism, which a server advertising -PLUS must refuse
(RFC 5802 §6, downgrade protection). So the test clients are configured as clients
without channel binding support (flag "n"), which is what a forced SCRAM-SHA-256 means
(im_helpers.slixmpp_client).
"""

import asyncio
import logging
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import ServerTestCase  # noqa: E402
from im_helpers import SlixmppLoop, slixmpp_client  # noqa: E402

try:
    import slixmpp
except ImportError:  # pragma: no cover
    slixmpp = None

def make_client(jid, password, mech):
    xmpp = slixmpp_client(jid, password, mech)
    xmpp.ca_certs = None
    mechs = xmpp["feature_mechanisms"]

    loop = xmpp.loop
    xmpp.session_started = loop.create_future()
    xmpp.auth_result = loop.create_future()
    xmpp.received = asyncio.Queue()
    for fut in (xmpp.session_started, xmpp.auth_result):
        # Both may fail together; only one is awaited. Mark the other as retrieved.
        fut.add_done_callback(lambda f: f.cancelled() or f.exception())
    xmpp.register_plugin("xep_0199")

    def on_session_start(_event):
        if not xmpp.session_started.done():
            xmpp.session_started.set_result(True)

    def on_auth_success(_event):
        if not xmpp.auth_result.done():
            xmpp.auth_result.set_result(mechs.mech.name if mechs.mech else None)

    def on_failed(event):
        for fut in (xmpp.auth_result, xmpp.session_started):
            if not fut.done():
                fut.set_exception(AssertionError("%s: authentication failed: %s" % (jid, event)))

    def on_disconnected(event):
        for fut in (xmpp.auth_result, xmpp.session_started):
            if not fut.done():
                fut.set_exception(AssertionError("%s: disconnected before the session started: %s"
                                                 % (jid, event)))

    def on_message(msg):
        xmpp.received.put_nowait(msg)

    xmpp.add_event_handler("session_start", on_session_start)
    xmpp.add_event_handler("auth_success", on_auth_success)
    xmpp.add_event_handler("failed_auth", on_failed)
    xmpp.add_event_handler("failed_all_auth", on_failed)
    xmpp.add_event_handler("no_auth", on_failed)
    xmpp.add_event_handler("disconnected", on_disconnected)
    xmpp.add_event_handler("connection_failed", on_failed)
    xmpp.add_event_handler("message", on_message)
    return xmpp


@unittest.skipIf(slixmpp is None, "slixmpp is not installed for this interpreter "
                 "(run with /usr/bin/python3; Debian package python3-slixmpp)")
class SlixmppLoginTest(SlixmppLoop, ServerTestCase):

    def setUp(self):
        super().setUp()
        if os.environ.get("DJABBERD_TEST_DEBUG"):
            logging.basicConfig(level=logging.DEBUG)

    async def connect(self, user, mech, resource, direct_tls=False):
        xmpp = make_client("%s@localhost/%s" % (user, resource), self.users[user], mech)
        self.clients.append(xmpp)
        if direct_tls:
            xmpp.connect(("127.0.0.1", self.server.tls_port), use_ssl=True)
        else:
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
        used = await asyncio.wait_for(xmpp.auth_result, 15)
        await asyncio.wait_for(xmpp.session_started, 15)
        return xmpp, used

    async def exchange(self, a, b):
        """a -> b and b -> a; checks body and that 'from' is the sender's full JID."""
        a.send_message(mto=b.boundjid.full, mbody="hello from %s" % a.boundjid.full, mtype="chat")
        msg = await asyncio.wait_for(b.received.get(), 10)
        self.assertEqual(msg["body"], "hello from %s" % a.boundjid.full)
        self.assertEqual(msg["from"].full, a.boundjid.full)
        self.assertEqual(msg["to"].full, b.boundjid.full)
        b.send_message(mto=a.boundjid.full, mbody="reply from %s" % b.boundjid.full, mtype="chat")
        msg = await asyncio.wait_for(a.received.get(), 10)
        self.assertEqual(msg["body"], "reply from %s" % b.boundjid.full)
        self.assertEqual(msg["from"].full, b.boundjid.full)

    def test_starttls_scram_sha256_and_messages(self):
        async def scenario():
            alice, mech_a = await self.connect("alice", "SCRAM-SHA-256", "slix-a")
            bob, mech_b = await self.connect("bob", "SCRAM-SHA-256", "slix-b")
            self.assertEqual(mech_a, "SCRAM-SHA-256")
            self.assertEqual(mech_b, "SCRAM-SHA-256")
            self.assertEqual(alice.boundjid.full, "alice@localhost/slix-a")
            self.assertEqual(bob.boundjid.full, "bob@localhost/slix-b")
            await self.exchange(alice, bob)
        self.run_scenario(scenario())

    def test_direct_tls_and_messages(self):
        async def scenario():
            alice, mech_a = await self.connect("alice", "SCRAM-SHA-1", "slix-dtls", direct_tls=True)
            bob, mech_b = await self.connect("bob", "SCRAM-SHA-256", "slix-starttls")
            self.assertEqual(mech_a, "SCRAM-SHA-1")
            self.assertEqual(alice.boundjid.full, "alice@localhost/slix-dtls")
            await self.exchange(alice, bob)
        self.run_scenario(scenario())

    def test_plain_over_direct_tls(self):
        async def scenario():
            bob, mech = await self.connect("bob", "PLAIN", "slix-plain", direct_tls=True)
            self.assertEqual(mech, "PLAIN")
            # XEP-0199 ping to the server; raises on an error reply or a timeout.
            await bob["xep_0199"].ping("localhost", timeout=10)
        self.run_scenario(scenario())

    def test_wrong_password_is_refused(self):
        async def scenario():
            xmpp = make_client("alice@localhost/slix-bad", "not-the-password", "SCRAM-SHA-256")
            self.clients.append(xmpp)
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            with self.assertRaises(AssertionError):
                await asyncio.wait_for(xmpp.auth_result, 15)
        self.run_scenario(scenario())


if __name__ == "__main__":
    unittest.main()
