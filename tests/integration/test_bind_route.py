"""Resource binding (RFC 6120 §7) and stanza routing (RFC 6120 §8, RFC 6121 §8), raw client."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DOMAIN, NS_BIND, NS_CLIENT, NS_PING, ServerTestCase, bare,  # noqa: E402
                     q, stanza_error_condition, to_string)


def is_message_with_id(msg_id):
    return lambda e: e.tag == q(NS_CLIENT, "message") and e.get("id") == msg_id


class BindTest(ServerTestCase):

    def sasl_done(self, user="alice"):
        c, _ = self.tls_stream()
        res = c.auth_scram(user, self.users[user], "SCRAM-SHA-256")
        self.assertTrue(res.ok, repr(res))
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_BIND, "bind")), to_string(feats))
        return c

    def test_client_chosen_resource(self):
        c = self.sasl_done()
        reply = c.bind("laptop")
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertEqual(c.jid, "alice@localhost/laptop")

    def test_server_generated_resource(self):
        c = self.sasl_done()
        reply = c.bind(None)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertTrue(c.jid and c.jid.startswith("alice@localhost/") and
                        len(c.jid) > len("alice@localhost/"), "bad generated JID %r" % c.jid)
        d = self.sasl_done()
        d.bind(None)
        self.assertNotEqual(c.jid, d.jid, "two generated resources are equal")

    def test_empty_resource_element_generates_one(self):
        # RFC 6120 §7.6.1: <bind/> without a <resource/>; an empty <resource/> is treated
        # by most servers the same way, but it may also be refused as bad-request.
        c = self.sasl_done()
        iq_id = c.next_id("b")
        c.send("<iq type='set' id='%s'><bind xmlns='%s'><resource></resource></bind></iq>" % (iq_id, NS_BIND))
        reply = c.wait_for(lambda e: e.get("id") == iq_id)
        if reply.get("type") == "result":
            jid = reply.findtext("%s/%s" % (q(NS_BIND, "bind"), q(NS_BIND, "jid")))
            self.assertTrue(jid and "/" in jid and not jid.endswith("/"), to_string(reply))
        else:
            self.assertEqual(stanza_error_condition(reply)[0], "bad-request", to_string(reply))

    def test_same_resource_on_two_accounts(self):
        # Resources are per account: no conflict between alice/same and bob/same.
        a = self.logged_in("alice", resource="same")
        b = self.logged_in("bob", resource="same")
        self.assertEqual((a.jid, b.jid), ("alice@localhost/same", "bob@localhost/same"))
        res = a.iq("get", "<ping xmlns='%s'/>" % NS_PING, to="localhost")
        self.assertEqual(res.get("type"), "result", "alice's session was disturbed: %s" % to_string(res))

    def test_too_long_resource_bad_request(self):
        # RFC 7622 §3.1: a resourcepart is at most 1023 bytes; RFC 6120 §7.7.2.1: bad-request.
        c = self.sasl_done()
        reply = c.bind("r" * 1100)
        self.assertEqual(reply.get("type"), "error", to_string(reply))
        self.assertEqual(stanza_error_condition(reply)[0], "bad-request", to_string(reply))
        # the stream is still usable
        self.assertEqual(c.bind("short").get("type"), "result")

    def test_session_request_is_answered(self):
        c = self.sasl_done()
        c.bind("sess")
        reply = c.session()
        self.assertEqual(reply.get("type"), "result", to_string(reply))

    def test_bind_conflict_kicks_old_session(self):
        old = self.logged_in("alice", resource="dup")
        new = self.sasl_done()
        reply = new.bind("dup")
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertEqual(new.jid, "alice@localhost/dup")
        self.assertStreamError(old, "conflict")  # RFC 6120 §7.7.2.2 / §4.9.3.3
        # The resource now belongs to the new session.
        bob = self.logged_in("bob", resource="conflict-check")
        mid = bob.send_message("alice@localhost/dup", "to the new one")
        msg = new.wait_message(is_message_with_id(mid))
        self.assertEqual(msg.get("from"), bob.jid)


class RouteTest(ServerTestCase):
    # carol never logs in (the offline user); dave is only used by one test.
    users = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "dave": "dave-pw"}
    # No offline storage here: RFC 6121 §8.5.2.2.1 then answers service-unavailable (the offline
    # case with storage is in test_rfc6121_messages.py).
    vhosts = [{"domain": DOMAIN, "plugins": [{"name": "auth_sqlite"}, {"name": "roster_sqlite"}]}]

    # --- messages
    def test_message_to_full_jid(self):
        alice = self.logged_in("alice", resource="a-full")
        bob = self.logged_in("bob", resource="b-full")
        mid = alice.send_message(bob.jid, "hello full")
        msg = bob.wait_message(is_message_with_id(mid))
        self.assertEqual(msg.get("from"), alice.jid, "RFC 6120 §8.1.2.1: 'from' is the sender's full JID")
        self.assertEqual(msg.get("to"), bob.jid)
        self.assertEqual(msg.get("type"), "chat")
        self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), "hello full")

    def test_message_to_bare_jid(self):
        alice = self.logged_in("alice", resource="a-bare")
        bob = self.logged_in("bob", resource="b-bare")
        # An available resource (RFC 6121 §8.5.2.1.1) has sent initial presence.
        bob.send("<presence/>")
        time.sleep(0.3)
        mid = alice.send_message("bob@localhost", "hello bare")
        msg = bob.wait_message(is_message_with_id(mid))
        self.assertEqual(msg.get("from"), alice.jid)
        self.assertEqual(bare(msg.get("to")), "bob@localhost")
        self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), "hello bare")

    def test_messages_both_directions(self):
        alice = self.logged_in("alice", resource="a-both")
        bob = self.logged_in("bob", resource="b-both")
        m1 = alice.send_message(bob.jid, "ping from alice")
        self.assertEqual(bob.wait_message(is_message_with_id(m1)).get("from"), alice.jid)
        m2 = bob.send_message(alice.jid, "pong from bob")
        self.assertEqual(alice.wait_message(is_message_with_id(m2)).get("from"), bob.jid)

    def test_spoofed_from_is_overwritten(self):
        # RFC 6120 §8.1.2.1 rule 1: the server MUST add or override 'from' with the full
        # JID of the sending resource.
        bob = self.logged_in("bob", resource="b-spoof")
        for i, spoof in enumerate(("mallory@evil.example/x", "carol@localhost/res", "localhost",
                                   "alice@localhost", "alice@localhost/other")):
            with self.subTest(spoof=spoof):
                alice = self.logged_in("alice", resource="a-spoof%d" % i)
                mid = alice.send_message(bob.jid, "spoof " + spoof, extra_attrs="from='%s'" % spoof)
                try:
                    msg = bob.wait_message(is_message_with_id(mid), timeout=3)
                except AssertionError:
                    extra = [to_string(e) for e in alice.poll(0.5)]
                    self.fail("message with client-supplied from=%r not delivered (RFC 6120 "
                              "§8.1.2.1: the server MUST override 'from'); the sender got: %s"
                              % (spoof, extra or alice._describe()[-300:]))
                self.assertEqual(msg.get("from"), alice.jid,
                                 "client-supplied from=%r not overwritten (RFC 6120 §8.1.2.1)" % spoof)

    def test_message_to_offline_user_bounces(self):
        alice = self.logged_in("alice", resource="a-off")
        mid = alice.send_message("carol@localhost", "are you there?")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        cond, etype = stanza_error_condition(err)
        self.assertEqual(cond, "service-unavailable", to_string(err))
        self.assertEqual(etype, "cancel", to_string(err))
        self.assertEqual(bare(err.get("from") or ""), "carol@localhost", to_string(err))

    def test_message_to_offline_full_jid_bounces(self):
        alice = self.logged_in("alice", resource="a-offfull")
        mid = alice.send_message("carol@localhost/phone", "are you there?")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))

    def test_message_to_unknown_user_bounces(self):
        alice = self.logged_in("alice", resource="a-unk")
        mid = alice.send_message("nobody@localhost", "hello?")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))

    def test_message_to_jid_in_other_case(self):
        # RFC 7622 §3.2/§3.3: domainpart and localpart compare case-insensitively (the
        # resourcepart does not).
        alice = self.logged_in("alice", resource="a-case")
        bob = self.logged_in("bob", resource="b-case")
        mid = alice.send_message("BOB@LocalHost/b-case", "case")
        msg = bob.wait_message(is_message_with_id(mid))
        self.assertEqual(msg.get("from"), alice.jid)

    def test_message_to_malformed_jid(self):
        # RFC 6120 §8.3.3.8 jid-malformed.
        alice = self.logged_in("alice", resource="a-malformed")
        mid = alice.send_message("@localhost", "bad address")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertEqual(stanza_error_condition(err)[0], "jid-malformed", to_string(err))

    def test_message_to_remote_domain(self):
        # No server-to-server here: the stanza cannot be routed and the sender is told
        # (RFC 6120 §10.4.3 remote-server-not-found; service-unavailable also fits a
        # server without s2s).
        alice = self.logged_in("alice", resource="a-remote")
        mid = alice.send_message("someone@remote.example", "far away")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertIn(stanza_error_condition(err)[0], ("remote-server-not-found", "service-unavailable"),
                      to_string(err))

    def test_error_message_is_not_bounced_back(self):
        # RFC 6120 §8.3.1: an error stanza must never be answered with an error.
        alice = self.logged_in("alice", resource="a-noloop")
        alice.send("<message to='nobody@localhost' type='error' id='e1'>"
                   "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                   "</error></message>")
        got = [e for e in alice.poll(1.5) if e.get("id") == "e1"]
        self.assertEqual(got, [], "an error stanza was bounced: %s" % [to_string(e) for e in got])

    # --- IQs
    def test_ping_server(self):
        alice = self.logged_in("alice", resource="a-ping")
        res = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING, to="localhost")
        self.assertEqual(res.get("type"), "result", to_string(res))
        self.assertEqual(len(list(res)), 0, "XEP-0199: the pong is an empty result: %s" % to_string(res))
        self.assertEqual(res.get("from"), "localhost",
                         "RFC 6120 §8.1.2.1: a stanza from the server carries from=<domain>")

    def test_ping_without_to_is_answered(self):
        # No 'to' on a client stream: the stanza is for the user's account (RFC 6120
        # §10.3); a ping there is answered by the server, an empty result or an error,
        # but it must be answered.
        alice = self.logged_in("alice", resource="a-pingnoto")
        res = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING)
        self.assertIn(res.get("type"), ("result", "error"), to_string(res))

    def test_unknown_iq_namespace_service_unavailable(self):
        alice = self.logged_in("alice", resource="a-unkns")
        res = alice.iq("get", "<query xmlns='urn:example:no-such-namespace'/>", to="localhost")
        self.assertEqual(res.get("type"), "error", to_string(res))
        cond, etype = stanza_error_condition(res)
        self.assertEqual(cond, "service-unavailable", to_string(res))  # RFC 6120 §8.4
        self.assertEqual(etype, "cancel", to_string(res))
        self.assertEqual(res.get("from"), "localhost", to_string(res))

    def test_iq_set_unknown_namespace_service_unavailable(self):
        alice = self.logged_in("alice", resource="a-unkset")
        res = alice.iq("set", "<query xmlns='urn:example:no-such-namespace'/>", to="localhost")
        self.assertEqual(res.get("type"), "error", to_string(res))
        self.assertEqual(stanza_error_condition(res)[0], "service-unavailable", to_string(res))

    def test_iq_result_to_server_not_answered(self):
        # RFC 6120 §8.2.3: an entity MUST NOT answer an IQ of type result or error.
        alice = self.logged_in("alice", resource="a-iqres")
        alice.send("<iq type='result' id='stray1' to='localhost'/>")
        got = [e for e in alice.poll(1.5) if e.get("id") == "stray1"]
        self.assertEqual(got, [], [to_string(e) for e in got])

    def test_iq_routing_between_clients(self):
        alice = self.logged_in("alice", resource="a-iq")
        bob = self.logged_in("bob", resource="b-iq")
        alice.send("<iq type='get' id='q1' to='%s'><query xmlns='urn:example:custom'/></iq>" % bob.jid)
        req = bob.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == "q1")
        self.assertEqual(req.get("from"), alice.jid, to_string(req))
        self.assertEqual(req.get("type"), "get")
        self.assertIsNotNone(req.find("{urn:example:custom}query"), to_string(req))
        bob.send("<iq type='result' id='q1' to='%s'><query xmlns='urn:example:custom'>"
                 "<answer>42</answer></query></iq>" % req.get("from"))
        res = alice.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == "q1")
        self.assertEqual(res.get("type"), "result", to_string(res))
        self.assertEqual(res.get("from"), bob.jid, to_string(res))
        self.assertEqual(res.findtext("{urn:example:custom}query/{urn:example:custom}answer"), "42")

    def test_iq_error_routing_between_clients(self):
        alice = self.logged_in("alice", resource="a-iqerr")
        bob = self.logged_in("bob", resource="b-iqerr")
        alice.send("<iq type='set' id='q2' to='%s'><query xmlns='urn:example:custom'/></iq>" % bob.jid)
        req = bob.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == "q2")
        bob.send("<iq type='error' id='q2' to='%s'><error type='cancel'>"
                 "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
                 % req.get("from"))
        res = alice.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == "q2")
        self.assertEqual(res.get("type"), "error", to_string(res))
        self.assertEqual(res.get("from"), bob.jid)
        self.assertEqual(stanza_error_condition(res)[0], "feature-not-implemented", to_string(res))

    def test_iq_to_unavailable_resource_service_unavailable(self):
        # RFC 6121 §8.5.3.2.1: an IQ to a full JID with no such resource gets
        # service-unavailable.
        alice = self.logged_in("alice", resource="a-iqnores")
        res = alice.iq("get", "<query xmlns='urn:example:custom'/>", to="bob@localhost/nonexistent")
        self.assertEqual(res.get("type"), "error", to_string(res))
        self.assertEqual(stanza_error_condition(res)[0], "service-unavailable", to_string(res))

    def test_iq_to_bare_jid_is_answered_by_server(self):
        # RFC 6121 §8.5.2.1.3: an IQ to a bare JID is handled by the server on behalf of the
        # account, never delivered to a resource; an unknown namespace gets
        # service-unavailable.
        alice = self.logged_in("alice", resource="a-iqbare")
        bob = self.logged_in("bob", resource="b-iqbare")
        res = alice.iq("get", "<query xmlns='urn:example:custom'/>", to="bob@localhost")
        self.assertEqual(res.get("type"), "error", to_string(res))
        self.assertEqual(stanza_error_condition(res)[0], "service-unavailable", to_string(res))
        leaked = [to_string(e) for e in bob.poll(0.5) if e.tag == q(NS_CLIENT, "iq")]
        self.assertEqual(leaked, [], "an IQ to the bare JID was delivered to a resource")

    def test_iq_between_resources_of_same_account(self):
        a1 = self.logged_in("alice", resource="r1")
        a2 = self.logged_in("alice", resource="r2")
        a1.send("<iq type='get' id='self1' to='%s'><query xmlns='urn:example:custom'/></iq>" % a2.jid)
        req = a2.wait_for(lambda e: e.get("id") == "self1")
        self.assertEqual(req.get("from"), a1.jid)
        a2.send("<iq type='result' id='self1' to='%s'/>" % a1.jid)
        res = a1.wait_for(lambda e: e.get("id") == "self1")
        self.assertEqual(res.get("type"), "result")
        self.assertEqual(res.get("from"), a2.jid)

    # --- keepalives
    def test_whitespace_keepalive_is_silent(self):
        alice = self.logged_in("alice", resource="a-ws")
        alice.send(" ")
        alice.send("\n")
        got = alice.poll(1.5)
        self.assertEqual([to_string(e) for e in got], [], "whitespace keepalive was answered")
        self.assertFalse(alice.eof or alice.stream_ended, "stream closed after whitespace")
        res = alice.iq("get", "<ping xmlns='%s'/>" % NS_PING, to="localhost")
        self.assertEqual(res.get("type"), "result", to_string(res))

    def test_whitespace_keepalive_before_auth_is_silent(self):
        c = self.client()
        c.open_stream()
        c.send("\n")
        self.assertEqual([to_string(e) for e in c.poll(1.0)], [])
        self.assertFalse(c.eof or c.stream_ended)
        c.starttls()
        c.send(" ")
        self.assertEqual([to_string(e) for e in c.poll(1.0)], [])
        self.assertTrue(c.auth_plain("alice", self.users["alice"]).ok)

    def test_disconnect_then_message_bounces(self):
        alice = self.logged_in("alice", resource="a-gone")
        bob = self.logged_in("dave", resource="d-gone")
        bob_jid = bob.jid
        bob.close()
        time.sleep(0.5)
        mid = alice.send_message(bob_jid, "still there?")
        err = alice.wait_message(is_message_with_id(mid))
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))


if __name__ == "__main__":
    unittest.main()
