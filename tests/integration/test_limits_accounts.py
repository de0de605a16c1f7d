"""[limits] per account and per login: session cap, roster size cap, failed-login back-off and
address bans (with djabberctl bans / unban). Each limit is crossed, the exact answer checked,
and another client shown to be unaffected."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (NS_CLIENT, NS_PING, NS_STANZA_ERR, ServerTestCase, q,  # noqa: E402
                     stanza_error_condition, to_string)

NS_ROSTER = "jabber:iq:roster"
OTHER_ADDRESS = "127.0.0.2"  # another client address on the loopback network


def parse_kv(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


class LimitsTestCase(ServerTestCase):
    def stats(self):
        return {k: v for k, v in parse_kv(self.server.ctl_ok("stats").stdout).items()}

    def assertPingWorks(self, client):
        reply = client.iq("get", "<ping xmlns='%s'/>" % NS_PING)
        self.assertEqual(reply.get("type"), "result", to_string(reply))

    def ready_to_bind(self, user):
        """A client of `user` past SASL and the stream restart."""
        c, _ = self.tls_stream()
        self.assertTrue(c.authenticate(user, self.users[user]).ok)
        c.open_stream()
        return c

    def error_text(self, stanza):
        error = stanza.find(q(NS_CLIENT, "error"))
        text = error.find(q(NS_STANZA_ERR, "text")) if error is not None else None
        return text.text if text is not None else ""


class SessionCapTest(LimitsTestCase):
    limits = {"max_sessions_per_account": 2}

    def test_third_resource_gets_resource_constraint(self):
        before = int(self.stats()["limit.session_cap"])
        self.logged_in("alice", resource="one")
        two = self.logged_in("alice", resource="two")
        reply = self.ready_to_bind("alice").bind("three")
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        # RFC 6120 §7.6.2.1: <resource-constraint/> of type wait.
        self.assertEqual(stanza_error_condition(reply), ("resource-constraint", "wait"),
                         to_string(reply))
        self.assertIn("too many sessions", self.error_text(reply))
        self.assertEqual(int(self.stats()["limit.session_cap"]), before + 1)
        # Another account is not affected, and the bound sessions still work.
        self.assertPingWorks(self.logged_in("bob", resource="one"))
        self.assertPingWorks(two)
        # Rebinding a resource the account holds replaces it and is not refused.
        again = self.client()
        again.login("alice", "alice-pw", resource="two")
        self.assertPingWorks(again)
        # Once a session ends there is room again (the router learns it asynchronously).
        again.close()
        deadline = time.monotonic() + 5
        while True:
            c = self.ready_to_bind("alice")
            if c.bind("four").get("type") == "result" or time.monotonic() > deadline:
                break
            c.close()
        self.assertEqual(c.jid, "alice@localhost/four")


class RosterCapTest(LimitsTestCase):
    limits = {"max_roster_items": 3}

    def roster_set(self, client, jid):
        return client.iq("set", "<query xmlns='%s'><item jid='%s'/></query>" % (NS_ROSTER, jid))

    def test_roster_set_beyond_the_cap_is_not_allowed(self):
        alice = self.logged_in("alice", resource="r")
        for i in range(3):
            reply = self.roster_set(alice, "contact%d@example.net" % i)
            self.assertEqual(reply.get("type"), "result", to_string(reply))
        reply = self.roster_set(alice, "contact3@example.net")
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        self.assertEqual(stanza_error_condition(reply)[0], "not-allowed", to_string(reply))
        self.assertIn("roster is full", self.error_text(reply))
        self.assertEqual(int(self.stats()["limit.roster_cap"]), 1)
        # Changing an item already there is fine, and so is another account's roster.
        reply = alice.iq("set", "<query xmlns='%s'><item jid='contact1@example.net' name='C'/>"
                                "</query>" % NS_ROSTER)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        bob = self.logged_in("bob", resource="r")
        self.assertEqual(self.roster_set(bob, "contact3@example.net").get("type"), "result")


class LoginThrottleTest(LimitsTestCase):
    limits = {"login_delay_ms": 400, "login_max_delay_ms": 800, "login_ban_after": 4,
              "login_ban_time": 60}

    def fail_plain(self, client, user="alice"):
        started = time.monotonic()
        res = client.auth_plain(user, "wrong-password")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "not-authorized")
        return time.monotonic() - started

    def test_backoff_then_ban_then_unban(self):
        c, _ = self.tls_stream()
        self.fail_plain(c)
        # The second failure from this address waits login_delay_ms.
        self.assertGreaterEqual(self.fail_plain(c), 0.35)
        # Meanwhile a client from another address logs in without delay.
        other = self.client(source=OTHER_ADDRESS)
        other.login("bob", "bob-pw")
        self.assertPingWorks(other)
        self.fail_plain(c)
        self.fail_plain(c)  # 4th failure: the address is banned
        self.assertTrue(self.server.wait_for_log(r"address 127\.0\.0\.1 banned for 60 s"))
        banned = self.client()
        cond, elem = self.assertStreamError(banned, "policy-violation")
        text = elem.find(q("urn:ietf:params:xml:ns:xmpp-streams", "text"))
        self.assertIsNotNone(text, to_string(elem))
        self.assertIn("too many failed logins from 127.0.0.1", text.text)
        # The other address is not banned, and its session carries on.
        self.assertPingWorks(other)
        fresh_other = self.client(source=OTHER_ADDRESS)
        fresh_other.login("carol", "carol-pw")
        stats = self.stats()
        self.assertEqual(int(stats["limit.login_banned"]), 1)
        self.assertGreaterEqual(int(stats["limit.refused_banned"]), 1)
        self.assertGreaterEqual(int(stats["limit.login_delayed"]), 3)
        # djabberctl lists and lifts the ban.
        listing = self.server.ctl_ok("bans").stdout
        self.assertRegex(listing, r"127\.0\.0\.1\t\d+")
        self.assertEqual(self.server.ctl_ok("unban", "127.0.0.1").stdout.strip(),
                         "unbanned 127.0.0.1")
        self.assertNotIn("127.0.0.1", self.server.ctl_ok("bans").stdout)
        r = self.server.ctl("unban", "127.0.0.1")
        self.assertEqual(r.returncode, 1)
        self.assertIn("not banned", r.stderr)
        self.assertPingWorks(self.logged_in("alice"))


if __name__ == "__main__":
    unittest.main()
