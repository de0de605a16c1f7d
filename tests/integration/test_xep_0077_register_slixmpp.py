"""XEP-0077 against slixmpp's own xep_0077 plugin: a new account registered before
authentication (the form, then the registration) and logged in on the same stream, a password
change, and the account's removal (cancel_registration), each checked with a raw client.

slixmpp 1.8.3 holds every stanza sent before its session starts, the registration IQs included
(XMLStream.send queues them until session_start, which never comes without an account), so
the client here lets them through while it registers (`_always_send_everything`)."""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN  # noqa: E402
from im_helpers import ImTestCase, SlixmppLoop, unique_name  # noqa: E402
from test_xep_0077_register import RegisterHelpers, register_plugins  # noqa: E402

try:
    import slixmpp
    from slixmpp.exceptions import IqError
    from test_rfc6121_subscriptions import make_slix
except ImportError:  # pragma: no cover
    slixmpp = None


@unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
class SlixmppRegisterTest(SlixmppLoop, RegisterHelpers, ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": register_plugins()}]

    def registering_client(self, username, password):
        xmpp = make_slix("%s@%s/slix" % (username, DOMAIN), password)
        xmpp.register_plugin("xep_0077")
        xmpp._always_send_everything = True  # see the module docstring
        xmpp.registered = xmpp.loop.create_future()

        async def on_register(form):
            # slixmpp fetched the form (a result with <username/> and <password/>) first.
            self.assertIn("username", form["register"]["fields"])
            self.assertIn("password", form["register"]["fields"])
            iq = xmpp.Iq()
            iq["type"] = "set"
            iq["register"]["username"] = username
            iq["register"]["password"] = password
            try:
                await iq.send(timeout=10)
                xmpp.registered.set_result(True)
            except IqError as e:
                xmpp.registered.set_result(e.iq["error"]["condition"])
            xmpp._always_send_everything = False

        xmpp.add_event_handler("register", on_register)
        self.clients.append(xmpp)
        return xmpp

    def test_register_change_password_and_remove(self):
        username, password = unique_name("slixreg"), "first password"

        async def scenario():
            xmpp = self.registering_client(username, password)
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            self.assertIs(await asyncio.wait_for(xmpp.registered, 15), True)
            # The same stream goes on with SASL as the new account and binds.
            await asyncio.wait_for(xmpp.session_started, 15)
            self.assertEqual(xmpp.boundjid.bare, "%s@%s" % (username, DOMAIN))
            await xmpp["xep_0077"].change_password("second password", timeout=10)
            self.assertFalse(self.can_login(username, password))
            self.assertTrue(self.can_login(username, "second password"))
            await xmpp["xep_0077"].cancel_registration(timeout=10)

        self.run_scenario(scenario(), 60)
        self.assertFalse(self.can_login(username, "second password"))

    def test_a_taken_username_is_a_conflict(self):
        (taken,) = self.fresh_users(1, "slixtaken")

        async def scenario():
            xmpp = self.registering_client(taken, "another password")
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            return await asyncio.wait_for(xmpp.registered, 15)

        self.assertEqual(self.run_scenario(scenario(), 60), "conflict")


if __name__ == "__main__":
    unittest.main()
