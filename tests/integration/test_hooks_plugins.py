"""Hooks from the outside: the filter_pattern (c2s.filter) and iq_echo (iq.c2s) example plugins,
a slow iq.c2s handler that must not delay other clients, plugin settings errors, and SASL
mechanisms offered only when an auth chain can back them."""

import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (NS_BIND, NS_CLIENT, NS_PING, NS_SASL, DjabberdServer, ServerTestCase,  # noqa: E402
                     djabberd_bin, q)

NS_ECHO = "urn:djabberd:example:echo"
ECHO_GET = "<echo xmlns='%s'>%s</echo>"


def mechanisms(features):
    mechs = features.find(q(NS_SASL, "mechanisms"))
    if mechs is None:
        return []
    return [m.text for m in mechs.findall(q(NS_SASL, "mechanism"))]


class FilterAndEchoTest(ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "filter_pattern", "pattern": "forbidden|f[o0]rb1dden", "kinds": ["message"]},
        {"name": "iq_echo"},
    ]}]

    def test_matching_message_is_dropped_and_others_pass(self):
        alice = self.logged_in("alice")
        bob = self.logged_in("bob")
        alice.send_message(bob.jid, "this is forbidden text")
        alice.send_message(bob.jid, "hello bob")
        got = bob.wait_message()
        self.assertEqual(got.findtext(q(NS_CLIENT, "body")), "hello bob")
        # The dropped one was sent first: nothing else may be queued or arrive.
        later = [e for e in bob.poll(0.5) if e.tag == q(NS_CLIENT, "message")]
        self.assertEqual(later, [])
        self.assertIsNotNone(self.server.wait_for_log(
            r"filter_pattern.*dropped a message from alice@localhost/\S+ \(\d+ dropped so far\)"))

    def dropped_per_ctl(self):
        """filter_pattern.dropped as `djabberctl stats` shows it (stats.collect)."""
        out = self.server.ctl_ok("stats").stdout
        m = re.search(r"^plugin\.localhost\.filter_pattern\.dropped=(\d+)$", out, re.M)
        self.assertIsNotNone(m, out)
        return int(m.group(1))

    def test_plugin_counter_in_stats_and_its_admin_command(self):
        alice = self.logged_in("alice")
        before = self.dropped_per_ctl()
        alice.send_message(alice.jid, "forbidden words")
        alice.iq("get", "<ping xmlns='%s'/>" % NS_PING)  # the filter answered before this
        self.assertEqual(self.dropped_per_ctl(), before + 1)
        # admin.command: `djabberctl plugin filter_pattern` answers with the same count.
        r = self.server.ctl_ok("plugin", "filter_pattern")
        self.assertEqual(r.stdout.strip(), "localhost dropped=%d" % (before + 1))
        # No plugin takes an unknown command: one error line, exit status 1.
        r = self.server.ctl("plugin", "no_such_command")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no plugin takes the command 'no_such_command'", r.stderr)

    def test_unknown_top_level_element_claimed_by_a_plugin(self):
        # stream.unknown_element: iq_echo takes a top-level <echo/> and writes it back, in order.
        alice = self.logged_in("alice")
        alice.send("<echo xmlns='%s'>top-level</echo>" % NS_ECHO)
        back = alice.wait_tag(q(NS_ECHO, "echo"))
        self.assertEqual(back.text, "top-level")
        reply = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING)
        self.assertEqual(reply.get("type"), "result")

    def test_unknown_top_level_element_nobody_takes_ends_the_stream(self):
        alice = self.logged_in("alice")
        alice.send("<gadget xmlns='urn:example:nobody'/>")
        self.assertStreamError(alice, "unsupported-stanza-type")

    def test_dropped_stanza_gets_no_error_and_the_session_goes_on(self):
        alice = self.logged_in("alice")
        alice.send_message(alice.jid, "f0rb1dden")
        reply = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING)
        self.assertEqual(reply.get("type"), "result")
        self.assertEqual([e for e in alice.queue if e.tag == q(NS_CLIENT, "message")], [])

    def test_iq_echo_answers_its_namespace(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", ECHO_GET % (NS_ECHO, "echo-1"))
        self.assertEqual(reply.get("type"), "result")
        self.assertEqual(reply.findtext(q(NS_ECHO, "echo")), "echo-1")

    def test_plugin_feature_follows_bind_after_sasl(self):
        c = self.client()
        c.open_stream()
        c.starttls()
        self.assertTrue(c.authenticate("alice", "alice-pw").ok)
        feats = c.open_stream()
        names = [child.tag for child in feats]
        self.assertIn(q(NS_ECHO, "echo"), names)
        self.assertLess(names.index(q(NS_BIND, "bind")), names.index(q(NS_ECHO, "echo")))
        self.assertEqual(c.bind().get("type"), "result")

    def test_session_bound_and_unbound_are_notified(self):
        start = self.server.log_line_count()
        carol = self.logged_in("carol", resource="notify-test")
        self.assertIsNotNone(self.server.wait_for_log(
            r"iq_echo.*session carol@localhost/notify-test bound", start=start))
        carol.send("</stream:stream>")
        carol.wait_closed()
        self.assertIsNotNone(self.server.wait_for_log(
            r"iq_echo.*session carol@localhost/notify-test unbound \(stream closed\)",
            start=start))

    def test_declined_iq_falls_back_to_built_ins(self):
        alice = self.logged_in("alice")
        self.assertEqual(alice.iq("get", "<ping xmlns='%s'/>" % NS_PING).get("type"), "result")
        reply = alice.iq("get", "<query xmlns='urn:example:unknown'/>")
        self.assertEqual(reply.get("type"), "error")
        self.assertIsNotNone(reply.find(".//{urn:ietf:params:xml:ns:xmpp-stanzas}"
                                        "service-unavailable"))


class OutboundFilterTest(ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "filter_pattern", "pattern": "^secret", "direction": "out"},
    ]}]

    def test_pre_write_drops_on_the_way_out_and_keeps_order(self):
        alice = self.logged_in("alice")
        bob = self.logged_in("bob")
        bodies = ["one", "secret two", "three", "secret four", "five"]
        for body in bodies:
            alice.send_message(bob.jid, body)
        got = []
        while len(got) < 3:
            got.append(bob.wait_message().findtext(q(NS_CLIENT, "body")))
        self.assertEqual(got, ["one", "three", "five"])
        self.assertEqual([e for e in bob.poll(0.5) if e.tag == q(NS_CLIENT, "message")], [])
        self.assertIsNotNone(self.server.wait_for_log(
            r"filter_pattern.*dropped a message to bob@localhost/\S+ \(2 dropped so far\)"))
        # The session's own replies pass the same (empty-handed) transform.
        self.assertEqual(bob.iq("get", "<ping xmlns='%s'/>" % NS_PING).get("type"), "result")


class SlowPluginTest(ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "iq_echo", "delay_ms": 2000},
    ]}]

    def test_slow_handler_does_not_delay_other_clients(self):
        a = self.logged_in("alice")
        b = self.logged_in("bob")
        start = time.monotonic()
        a.send("<iq type='get' id='slow1'>%s</iq>" % (ECHO_GET % (NS_ECHO, "slow")))
        a.send("<iq type='get' id='after1'><ping xmlns='%s'/></iq>" % NS_PING)
        time.sleep(0.1)  # the slow request is now waiting in the plugin
        for _ in range(3):
            t0 = time.monotonic()
            reply = b.iq("get", "<ping xmlns='%s'/>" % NS_PING)
            self.assertEqual(reply.get("type"), "result")
            self.assertLess(time.monotonic() - t0, 1.0, "B's ping waited for A's slow plugin")
        first = a.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq"), timeout=10)
        elapsed = time.monotonic() - start
        self.assertEqual(first.get("id"), "slow1", "A's stanzas must be answered in order")
        self.assertEqual(first.findtext(q(NS_ECHO, "echo")), "slow")
        self.assertGreaterEqual(elapsed, 1.5)
        second = a.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq"), timeout=5)
        self.assertEqual(second.get("id"), "after1")


class PluginSettingsErrorTest(unittest.TestCase):

    def failing_start(self, plugin):
        s = DjabberdServer(vhosts=[{"domain": "localhost",
                                    "plugins": [{"name": "auth_sqlite"}, plugin]}])
        self.addCleanup(s.cleanup)
        r = subprocess.run([djabberd_bin(), "--conf=" + s.conf_path], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(r.returncode, 1, r.stderr)
        return s, r.stderr

    @staticmethod
    def line_of(path, text):
        with open(path) as f:
            for number, line in enumerate(f, 1):
                if text in line:
                    return number
        raise AssertionError("%r not in %s" % (text, path))

    def test_unknown_key_names_file_line_and_key(self):
        s, err = self.failing_start({"name": "filter_pattern", "pattern": "x", "colour": "red"})
        line = self.line_of(s.conf_path, "colour = ")
        self.assertIn("%s:%d: vhosts[0].plugins[1].colour" % (s.conf_path, line), err)

    def test_bad_regex_names_file_line_and_key(self):
        s, err = self.failing_start({"name": "filter_pattern", "pattern": "(unclosed"})
        line = self.line_of(s.conf_path, "pattern = ")
        self.assertIn("%s:%d: vhosts[0].plugins[1].pattern: invalid regular expression"
                      % (s.conf_path, line), err)

    def test_delay_out_of_range(self):
        s, err = self.failing_start({"name": "iq_echo", "delay_ms": -5})
        line = self.line_of(s.conf_path, "delay_ms = ")
        self.assertIn("%s:%d: vhosts[0].plugins[1].delay_ms" % (s.conf_path, line), err)


class MechanismsFollowAuthChainsTest(ServerTestCase):
    """localhost has auth plugins answering both auth.get_secret and auth.check_password;
    noauth.localhost has no plugin at all, so it can back neither SCRAM nor PLAIN."""
    vhosts = [
        {"domain": "localhost", "plugins": [{"name": "auth_sqlite"}]},
        {"domain": "noauth.localhost", "plugins": [{"name": "iq_echo"}]},
    ]

    def tls_features(self, domain):
        c = self.client(domain=domain)
        c.open_stream()
        return c, c.starttls()

    def test_vhost_with_auth_chains_offers_scram_and_plain(self):
        _, feats = self.tls_features("localhost")
        mechs = mechanisms(feats)
        self.assertIn("SCRAM-SHA-256", mechs)
        self.assertIn("SCRAM-SHA-1", mechs)
        self.assertIn("PLAIN", mechs)

    def test_vhost_without_auth_chains_offers_no_mechanism(self):
        c, feats = self.tls_features("noauth.localhost")
        self.assertEqual(mechanisms(feats), [])
        self.assertIsNone(feats.find(q("urn:xmpp:sasl-cb:0", "sasl-channel-binding")))
        res = c.authenticate("alice", "alice-pw", mech="SCRAM-SHA-256")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "invalid-mechanism")
        res = c.authenticate("alice", "alice-pw", mech="PLAIN")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "invalid-mechanism")


class SaslPolicyTest(ServerTestCase):
    """auth.sasl_mechanisms: sasl_policy narrows what localhost offers; others are refused."""
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "sasl_policy", "allow": ["SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"]}]}]
    users = {"alice": "alice-pw"}

    def test_only_allowed_mechanisms_are_offered_and_accepted(self):
        c = self.client()
        c.open_stream()
        feats = c.starttls()
        self.assertEqual(mechanisms(feats), ["SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"])
        self.assertIsNotNone(feats.find(q("urn:xmpp:sasl-cb:0", "sasl-channel-binding")))
        res = c.authenticate("alice", "alice-pw", mech="PLAIN")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "invalid-mechanism")
        res = c.authenticate("alice", "alice-pw", mech="SCRAM-SHA-1")
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "invalid-mechanism")
        res = c.authenticate("alice", "alice-pw", mech="SCRAM-SHA-256")
        self.assertTrue(res.ok, res)


if __name__ == "__main__":
    unittest.main()
