"""XEP-0077 In-Band Registration against the running daemon (raw XMPP over sockets).

Checked: the stream feature and the form before authentication (only with the `register`
plugin; without it: no feature and service-unavailable), registering and logging in with the
new account, conflict, incomplete requests and bad usernames (not-acceptable), a password that
is too short, allow_from refusing an address (forbidden), the per-address rate limit
(policy-violation), <registered/> after authentication, a password change (the new password
works, the old one no longer does), and removal (the result, <not-authorized/> on every session
of the account, no login afterwards, a re-registered account of the same name starts with an
empty roster, and the removed user's contact keeps a working roster).
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DOMAIN, NS_CLIENT, ServerTestCase, q, stanza_error_condition,  # noqa: E402
                     to_string, xml_escape)
from im_helpers import ImTestCase, im_plugins, unique_name  # noqa: E402

NS_REGISTER = "jabber:iq:register"
NS_REGISTER_FEATURE = "http://jabber.org/features/iq-register"
PASSWORD = "correct horse"


def register_plugins(**settings):
    plugin = {"name": "register", "max_per_ip": 1000, "min_password_length": 6}
    plugin.update(settings)
    return im_plugins() + [plugin]


def query(body=""):
    return "<query xmlns='%s'>%s</query>" % (NS_REGISTER, body)


def credentials(username, password):
    return "<username>%s</username><password>%s</password>" % (xml_escape(username),
                                                              xml_escape(password))


class RegisterHelpers:
    def unauthenticated(self):
        """A client on TLS with an open stream, not authenticated; returns (client, features)."""
        return self.tls_stream()

    def register(self, username, password=PASSWORD):
        c, _ = self.unauthenticated()
        reply = c.iq("set", query(credentials(username, password)))
        c.close()
        return reply

    def can_login(self, username, password):
        c, _ = self.unauthenticated()
        ok = c.authenticate(username, password).ok
        c.close()
        return ok

    def assertError(self, reply, condition):
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        self.assertEqual(stanza_error_condition(reply)[0], condition, to_string(reply))


class RegisterTest(RegisterHelpers, ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": register_plugins()}]

    def test_4_stream_feature_offered_before_authentication(self):
        _, feats = self.unauthenticated()
        self.assertIsNotNone(feats.find(q(NS_REGISTER_FEATURE, "register")), to_string(feats))

    def test_3_1_form_has_instructions_username_and_password(self):
        c, _ = self.unauthenticated()
        reply = c.iq("get", query())
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        form = reply.find(q(NS_REGISTER, "query"))
        for child in ("instructions", "username", "password"):
            self.assertIsNotNone(form.find(q(NS_REGISTER, child)), to_string(reply))

    def test_3_1_register_then_log_in_on_the_same_stream_and_a_new_one(self):
        name = unique_name("reg")
        c, _ = self.unauthenticated()
        reply = c.iq("set", query(credentials(name, PASSWORD)))
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertTrue(c.authenticate(name, PASSWORD).ok, "login on the registering stream")
        other = self.client()
        self.assertEqual(other.login(name, PASSWORD).split("/")[0], "%s@%s" % (name, DOMAIN))

    def test_3_1_existing_username_is_a_conflict(self):
        name = unique_name("reg")
        self.assertEqual(self.register(name).get("type"), "result")
        self.assertError(self.register(name, "another password"), "conflict")
        self.assertTrue(self.can_login(name, PASSWORD), "the first password still works")

    def test_3_1_missing_fields_bad_username_and_short_password_are_not_acceptable(self):
        c, _ = self.unauthenticated()
        self.assertError(c.iq("set", query("<username>%s</username>" % unique_name())),
                         "not-acceptable")
        self.assertError(c.iq("set", query(credentials("bad@name", PASSWORD))), "not-acceptable")
        self.assertError(c.iq("set", query(credentials(unique_name(), "short"))),
                         "not-acceptable")

    def test_other_stanzas_before_authentication_still_end_the_stream(self):
        c, _ = self.unauthenticated()
        c.send("<iq type='get' id='v1'><query xmlns='jabber:iq:version'/></iq>")
        self.assertStreamError(c, "not-authorized")

    def test_3_1_registered_after_authentication(self):
        name = unique_name("reg")
        self.register(name)
        c = self.client()
        c.login(name, PASSWORD)
        reply = c.iq("get", query())
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertIsNotNone(reply.find(q(NS_REGISTER, "query")).find(q(NS_REGISTER, "registered")),
                             to_string(reply))

    def test_3_3_password_change_then_login_with_the_new_password(self):
        name = unique_name("reg")
        self.register(name)
        c = self.client()
        c.login(name, PASSWORD)
        self.assertError(c.iq("set", query(credentials(name, "tiny"))), "not-acceptable")
        self.assertError(c.iq("set", query(credentials("someone" + name, "long enough"))),
                         "not-authorized")
        reply = c.iq("set", query(credentials(name, "new secret")))
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertTrue(self.can_login(name, "new secret"))
        self.assertFalse(self.can_login(name, PASSWORD))

    def test_3_2_removal_ends_sessions_and_wipes_the_roster(self):
        name = unique_name("reg")
        self.register(name)
        (friend,) = self.fresh_users(1)
        self.users[name] = PASSWORD
        user = self.session(name)
        second = self.session(name)
        contact = self.session(friend)
        self.make_subscribed(user, contact, both=True)
        self.assertIn(contact.bare.lower(), user.roster_items())

        reply = user.c.iq("set", query("<remove/>"))
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertStreamError(user.c, "not-authorized")
        self.assertStreamError(second.c, "not-authorized")
        self.assertFalse(self.can_login(name, PASSWORD), "login after removal")

        # The contact's roster keeps working (its item for the removed user stays until it
        # removes it), and a new account of the same name starts with an empty roster.
        contact_roster = contact.roster_items()
        self.assertIn(user.bare.lower(), contact_roster)
        self.assertEqual(self.register(name, "brand new pw").get("type"), "result")
        self.users[name] = "brand new pw"
        again = self.session(name, presence=False)
        self.assertEqual(again.roster_items(), {}, "the roster survived its account")
        self.assertEqual(contact.roster_set(unique_name("x") + "@" + DOMAIN).get("type"), "result")

    def test_djabberctl_deluser_takes_the_same_path(self):
        name, friend = self.fresh_users(2)
        user = self.session(name)
        contact = self.session(friend)
        self.make_subscribed(user, contact)
        r = self.server.ctl("deluser", "%s@%s" % (name, DOMAIN))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertStreamError(user.c, "not-authorized")
        self.server.adduser("%s@%s" % (name, DOMAIN), self.users[name])
        again = self.session(name, presence=False)
        self.assertEqual(again.roster_items(), {}, "the roster survived djabberctl deluser")
        r = self.server.ctl("deluser", "nosuch%s@%s" % (name, DOMAIN))
        self.assertEqual(r.returncode, 1, "deluser of an unknown account: %s" % r.stderr)


class RegisterDisabledTest(RegisterHelpers, ServerTestCase):
    """Off by default: no feature, and the IQ gets service-unavailable."""

    def test_3_1_no_feature_and_service_unavailable(self):
        c, feats = self.unauthenticated()
        self.assertIsNone(feats.find(q(NS_REGISTER_FEATURE, "register")), to_string(feats))
        self.assertError(c.iq("get", query()), "service-unavailable")
        self.assertError(c.iq("set", query(credentials(unique_name(), PASSWORD))),
                         "service-unavailable")
        c.send("<iq type='get' id='p'><ping xmlns='urn:xmpp:ping'/></iq>")
        self.assertStreamError(c, "not-authorized")


class RegisterAllowFromTest(RegisterHelpers, ServerTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": register_plugins(allow_from=["192.0.2.0/24"])}]

    def test_address_outside_allow_from_is_forbidden(self):
        name = unique_name("reg")
        self.assertError(self.register(name), "forbidden")
        self.assertFalse(self.can_login(name, PASSWORD))


class RegisterRateLimitTest(RegisterHelpers, ServerTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": register_plugins(max_per_ip=2, per_seconds=3600)}]

    def test_successful_registrations_per_address_are_limited(self):
        names = [unique_name("reg") for _ in range(3)]
        self.assertEqual(self.register(names[0]).get("type"), "result")
        self.assertError(self.register(names[0]), "conflict")  # a failure does not count
        self.assertEqual(self.register(names[1]).get("type"), "result")
        self.assertError(self.register(names[2]), "policy-violation")
        self.assertFalse(self.can_login(names[2], PASSWORD))


if __name__ == "__main__":
    unittest.main()
