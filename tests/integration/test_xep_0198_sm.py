#!/usr/bin/python3
"""XEP-0198 stream management with the `stream_management` plugin: the feature after
authentication only, <enable/> after bind only, acks in both directions (checked by slixmpp's own
XEP-0198 plugin and on raw sockets), a bad h, resumption after a dropped TCP connection (every
message exactly once and in order, no presence flap), resumption failures, and what happens to
unacknowledged stanzas when the resumption time runs out."""

import asyncio
import os
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (DOMAIN, NS_BIND, NS_CLIENT, NS_STANZA_ERR, NS_STREAMS_ERR,  # noqa: E402
                     ServerTestCase, XmppTimeout, default_plugins, q, to_string)

try:
    import slixmpp
except ImportError:  # pragma: no cover
    slixmpp = None

NS_SM = "urn:xmpp:sm:3"
NS_DELAY = "urn:xmpp:delay"


def sm_plugins(**settings):
    return default_plugins() + [dict({"name": "stream_management"}, **settings)]


def is_sm(name):
    return lambda e: e.tag == q(NS_SM, name)


def drop_connection(client):
    """Ends the client's TCP connection without </stream:stream> (a lost network)."""
    try:
        client.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    client.sock.close()
    client.closed = True


class SmCase(ServerTestCase):
    """Raw-socket helpers shared by the test classes."""

    def authenticated(self, user):
        c, _ = self.tls_stream()
        self.assertTrue(c.authenticate(user, self.users[user]).ok)
        return c, c.open_stream()

    def enable(self, client, resume=False):
        client.send("<enable xmlns='%s'%s/>" % (NS_SM, " resume='true'" if resume else ""))
        enabled = client.wait_for(lambda e: e.tag in (q(NS_SM, "enabled"), q(NS_SM, "failed")),
                                  what="<enabled/>")
        self.assertEqual(enabled.tag, q(NS_SM, "enabled"), to_string(enabled))
        return enabled

    def ask_ack(self, client):
        client.send("<r xmlns='%s'/>" % NS_SM)
        return int(client.wait_for(is_sm("a"), what="<a/>").get("h"))

    def resume(self, user, previd, h):
        c, feats = self.authenticated(user)
        c.send("<resume xmlns='%s' previd='%s' h='%d'/>" % (NS_SM, previd, h))
        answer = c.wait_for(lambda e: e.tag in (q(NS_SM, "resumed"), q(NS_SM, "failed")),
                            what="<resumed/> or <failed/>")
        return c, answer


class StreamManagementTest(SmCase):
    vhosts = [{"domain": DOMAIN, "plugins": sm_plugins(resume_timeout=60, ack_every=3)}]
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def test_feature_only_after_authentication(self):
        c, feats = self.tls_stream()
        self.assertIsNone(feats.find(q(NS_SM, "sm")), to_string(feats))
        self.assertTrue(c.authenticate("alice", "alice-pw").ok)
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_SM, "sm")), to_string(feats))

    def test_enable_before_bind_fails_then_bind_works(self):
        c, _ = self.authenticated("alice")
        c.send("<enable xmlns='%s'/>" % NS_SM)
        failed = c.wait_for(is_sm("failed"), what="<failed/>")
        self.assertIsNotNone(failed.find(q(NS_STANZA_ERR, "unexpected-request")), to_string(failed))
        self.assertEqual(c.bind("r").get("type"), "result")

    def test_enable_twice_fails(self):
        c = self.logged_in("alice", resource="twice")
        self.enable(c)
        c.send("<enable xmlns='%s'/>" % NS_SM)
        failed = c.wait_for(is_sm("failed"), what="<failed/>")
        self.assertIsNotNone(failed.find(q(NS_STANZA_ERR, "unexpected-request")), to_string(failed))

    def test_acks_count_handled_stanzas_and_server_requests_acks(self):
        alice = self.logged_in("alice", resource="acks")
        enabled = self.enable(alice)
        self.assertIsNone(enabled.get("id"), "no resumption was asked for: %s" % to_string(enabled))
        self.assertEqual(self.ask_ack(alice), 0)
        bob = self.logged_in("bob", resource="b")
        for i in range(4):
            alice.send_message(bob.jid, "to bob %d" % i)
        alice.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>")
        alice.wait_for(lambda e: e.get("id") == "p1", what="ping result")
        # 4 messages + 1 IQ; every message reached bob's session before it counted.
        self.assertEqual(self.ask_ack(alice), 5)
        for i in range(4):
            bob.wait_message(lambda e, i=i: e.findtext(q(NS_CLIENT, "body")) == "to bob %d" % i)
        # The server asks for an ack after ack_every (3) stanzas to alice: the ping result was
        # the first.
        bob.send_message(alice.jid, "one")
        bob.send_message(alice.jid, "two")
        r = alice.wait_for(is_sm("r"), what="the server's <r/>")
        self.assertIsNotNone(r)
        alice.send("<a xmlns='%s' h='3'/>" % NS_SM)
        # A correct ack is accepted quietly: the stream goes on.
        self.assertEqual(self.ask_ack(alice), 5)

    def test_ack_of_more_than_was_sent_is_a_stream_error(self):
        c = self.logged_in("alice", resource="bad-h")
        self.enable(c)
        c.send("<a xmlns='%s' h='7'/>" % NS_SM)
        _, err = self.assertStreamError(c, "undefined-condition")
        too_high = err.find(q(NS_SM, "handled-count-too-high"))
        self.assertIsNotNone(too_high, to_string(err))
        self.assertEqual(too_high.get("h"), "7")
        self.assertEqual(too_high.get("send-count"), "0")

    def test_unknown_sm_element_is_an_unsupported_stanza_type(self):
        c = self.logged_in("alice", resource="unknown")
        self.enable(c)
        c.send("<bogus xmlns='%s'/>" % NS_SM)
        self.assertStreamError(c, "unsupported-stanza-type")

    def test_resume_with_a_wrong_id_fails_and_the_client_binds(self):
        c, answer = self.resume("alice", "no-such-id", 0)
        self.assertEqual(answer.tag, q(NS_SM, "failed"), to_string(answer))
        self.assertIsNotNone(answer.find(q(NS_STANZA_ERR, "item-not-found")), to_string(answer))
        self.assertEqual(c.bind("after-failed-resume").get("type"), "result")

    def test_resume_of_another_accounts_session_fails(self):
        alice = self.logged_in("alice", resource="owned")
        previd = self.enable(alice, resume=True).get("id")
        self.assertTrue(previd)
        c, answer = self.resume("bob", previd, 0)
        self.assertEqual(answer.tag, q(NS_SM, "failed"), to_string(answer))
        self.assertIsNotNone(answer.find(q(NS_STANZA_ERR, "item-not-found")), to_string(answer))
        # alice's session is untouched.
        self.assertEqual(self.ask_ack(alice), 0)

    def test_resume_after_a_lost_connection(self):
        watcher = self.logged_in("alice", resource="watcher")
        watcher.send("<presence/>")
        phone = self.logged_in("alice", resource="phone")
        enabled = self.enable(phone, resume=True)
        previd = enabled.get("id")
        self.assertEqual(enabled.get("resume"), "true", to_string(enabled))
        self.assertEqual(enabled.get("max"), "60")
        phone.send("<presence/>")
        watcher.wait_for(lambda e: e.tag == q(NS_CLIENT, "presence") and e.get("from") == phone.jid,
                         what="phone's presence")
        bob = self.logged_in("bob", resource="b")
        bodies = ["m%02d" % i for i in range(12)]
        for body in bodies[:4]:
            bob.send_message(phone.jid, body)
        got = [phone.wait_message(lambda e, b=b: e.findtext(q(NS_CLIENT, "body")) == b)
               for b in bodies[:4]]
        self.assertEqual(len(got), 4)
        # The client acknowledges what it handled before the drop: presence echoes + 2 messages
        # are not acknowledged explicitly; the resume tells the server what the client has.
        drop_connection(phone)
        for body in bodies[4:]:
            bob.send_message(phone.jid, body)
        # The ping round trip proves that the router has passed the messages on.
        bob.send("<iq type='get' id='sync' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>" % DOMAIN)
        bob.wait_for(lambda e: e.get("id") == "sync", what="ping result")
        # Nothing acknowledged yet: h=0 asks for everything sent since <enable/> again.
        fresh, answer = self.resume("alice", previd, 0)
        self.assertEqual(answer.tag, q(NS_SM, "resumed"), to_string(answer))
        self.assertEqual(answer.get("previd"), previd)
        self.assertEqual(answer.get("h"), "1")  # the client's <presence/> before the drop
        received = []
        deadline = time.monotonic() + 10
        while len(received) < len(bodies) and time.monotonic() < deadline:
            msg = fresh.wait_message()
            received.append(msg.findtext(q(NS_CLIENT, "body")))
        self.assertEqual(received, bodies, "every message exactly once and in order")
        extra = [e for e in fresh.poll(0.5) if e.tag == q(NS_CLIENT, "message")]
        self.assertEqual(extra, [], "duplicates: %s" % [to_string(e) for e in extra])
        # New traffic reaches the resumed connection, and it can send.
        bob.send_message(phone.jid, "after")
        fresh.wait_message(lambda e: e.findtext(q(NS_CLIENT, "body")) == "after")
        fresh.send_message(bob.jid, "back")
        bob.wait_message(lambda e: e.findtext(q(NS_CLIENT, "body")) == "back")
        # No presence flap: the watcher never saw the phone go unavailable.
        flaps = [e for e in watcher.poll(0.5)
                 if e.tag == q(NS_CLIENT, "presence") and e.get("from") == phone.jid]
        self.assertEqual(flaps, [], "presence flap: %s" % [to_string(e) for e in flaps])
        line = [l for l in self.server.ctl_ok("sessions").stdout.splitlines() if phone.jid in l]
        self.assertEqual(len(line), 1, line)
        self.assertTrue(line[0].endswith("\tresumable"), line)

    def test_resume_while_the_old_connection_is_still_open(self):
        old = self.logged_in("alice", resource="tablet")
        previd = self.enable(old, resume=True).get("id")
        fresh, answer = self.resume("alice", previd, 0)
        self.assertEqual(answer.tag, q(NS_SM, "resumed"), to_string(answer))
        ended, eof = old.wait_closed()
        self.assertTrue(eof, "the old connection was not closed")
        # The same id can be resumed again from the new connection.
        self.assertEqual(self.ask_ack(fresh), 0)

    def test_djabberctl_shows_waiting_sessions(self):
        c = self.logged_in("alice", resource="ctl")
        self.enable(c, resume=True)
        drop_connection(c)
        deadline = time.monotonic() + 5
        state = None
        while time.monotonic() < deadline:
            lines = [l for l in self.server.ctl_ok("sessions").stdout.splitlines() if "/ctl\t" in l]
            state = lines[0].rsplit("\t", 1)[1] if lines else None
            if state == "waiting":
                break
            time.sleep(0.1)
        self.assertEqual(state, "waiting")


class ResumptionTimeoutTest(SmCase):
    vhosts = [{"domain": DOMAIN, "plugins": sm_plugins(resume_timeout=2, max_resume_timeout=2)}]
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def test_unacked_messages_go_offline_and_iqs_fail_after_the_timeout(self):
        phone = self.logged_in("alice", resource="phone")
        previd = self.enable(phone, resume=True).get("id")
        phone.send("<presence/>")
        bob = self.logged_in("bob", resource="b")
        bob.send_message(phone.jid, "before the drop")
        phone.wait_message(lambda e: e.findtext(q(NS_CLIENT, "body")) == "before the drop")
        drop_connection(phone)
        bob.send_message(phone.jid, "while away")
        bob.send("<iq type='get' id='v1' to='%s'><query xmlns='jabber:iq:version'/></iq>"
                 % phone.jid)
        err = bob.wait_for(lambda e: e.get("id") == "v1", timeout=8, what="IQ error after timeout")
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertIsNotNone(err.find("%s/%s" % (q(NS_CLIENT, "error"),
                                                 q(NS_STANZA_ERR, "recipient-unavailable"))),
                             to_string(err))
        # Resumption is over.
        c, answer = self.resume("alice", previd, 0)
        self.assertEqual(answer.tag, q(NS_SM, "failed"), to_string(answer))
        self.assertIsNotNone(answer.find(q(NS_STANZA_ERR, "item-not-found")), to_string(answer))
        self.assertEqual(c.bind("again").get("type"), "result")
        c.send("<presence/>")
        bodies = []
        deadline = time.monotonic() + 5
        while len(bodies) < 2 and time.monotonic() < deadline:
            msg = c.wait_message()
            bodies.append(msg.findtext(q(NS_CLIENT, "body")))
            self.assertIsNotNone(msg.find(q(NS_DELAY, "delay")), to_string(msg))
        # Both were unacknowledged (the client never sent <a/>), so both come back.
        self.assertEqual(bodies, ["before the drop", "while away"])

    def test_sm_without_resumption_returns_unacked_messages_when_the_connection_closes(self):
        phone = self.logged_in("alice", resource="plain")
        self.enable(phone)
        phone.send("<presence/>")
        bob = self.logged_in("bob", resource="b2")
        bob.send_message(phone.jid, "unacked")
        phone.wait_message(lambda e: e.findtext(q(NS_CLIENT, "body")) == "unacked")
        drop_connection(phone)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "/plain\t" in self.server.ctl_ok("sessions").stdout:
            time.sleep(0.1)
        c = self.logged_in("alice", resource="next")
        c.send("<presence/>")
        msg = c.wait_message(lambda e: e.findtext(q(NS_CLIENT, "body")) == "unacked")
        self.assertIsNotNone(msg.find(q(NS_DELAY, "delay")), to_string(msg))


class WithoutPluginTest(SmCase):
    users = {"alice": "alice-pw"}

    def test_not_offered_and_refused(self):
        c, feats = self.authenticated("alice")
        self.assertIsNone(feats.find(q(NS_SM, "sm")), to_string(feats))
        c.bind("r")
        c.send("<enable xmlns='%s'/>" % NS_SM)
        self.assertStreamError(c, "unsupported-stanza-type")


@unittest.skipIf(slixmpp is None, "slixmpp is not installed for this interpreter "
                 "(run with /usr/bin/python3; Debian package python3-slixmpp)")
class SlixmppStreamManagementTest(ServerTestCase):
    """slixmpp's XEP-0198 plugin enables SM, answers the server's <r/> and checks every <a h=/>
    against what it sent (it logs and drops unacked stanzas on a mismatch)."""

    vhosts = [{"domain": DOMAIN, "plugins": sm_plugins(ack_every=2)}]
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def test_acks_with_slixmpp(self):
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)

        def close_loop():
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for t in pending:
                t.cancel()
            if pending:
                loop.run_until_complete(asyncio.wait(pending, timeout=5))
            loop.close()
        self.addCleanup(close_loop)
        from test_login_slixmpp import make_client
        alice = make_client("alice@%s/sx" % DOMAIN, "alice-pw", "SCRAM-SHA-256")
        bob = make_client("bob@%s/sx" % DOMAIN, "bob-pw", "SCRAM-SHA-256")
        alice.register_plugin("xep_0198")
        sm = alice["xep_0198"]
        sm.window = 2  # slixmpp asks for an ack every 2 stanzas
        enabled = loop.create_future()
        alice.add_event_handler("sm_enabled", lambda _e: enabled.done() or enabled.set_result(1))
        acked = []
        alice.add_event_handler("stanza_acked", lambda s: acked.append(s))

        async def scenario():
            for c in (alice, bob):
                c.connect(("127.0.0.1", self.server.port))
            await asyncio.wait_for(asyncio.gather(alice.session_started, bob.session_started), 20)
            await asyncio.wait_for(enabled, 10)
            for i in range(6):
                alice.send_message(mto="bob@%s/sx" % DOMAIN, mbody="hi %d" % i, mtype="chat")
            for i in range(6):
                msg = await asyncio.wait_for(bob.received.get(), 10)
                self.assertEqual(msg["body"], "hi %d" % i)
            for i in range(5):
                bob.send_message(mto="alice@%s/sx" % DOMAIN, mbody="back %d" % i, mtype="chat")
            for i in range(5):
                msg = await asyncio.wait_for(alice.received.get(), 10)
                self.assertEqual(msg["body"], "back %d" % i)
            deadline = loop.time() + 10
            while len(acked) < 6 and loop.time() < deadline:
                sm.request_ack()
                await asyncio.sleep(0.2)
            # slixmpp counts what it sent; the server's h covers all six messages.
            self.assertGreaterEqual(len(acked), 6)
            self.assertEqual(sm.last_ack % 2 ** 32, sm.seq % 2 ** 32,
                             "server h %d vs client count %d" % (sm.last_ack, sm.seq))
            # slixmpp's own count of handled stanzas matches what the server sent it.
            self.assertGreaterEqual(sm.handled, 5)
            for c in (alice, bob):
                c.disconnect(wait=1)
            await asyncio.sleep(0.3)

        # slixmpp logs an error for an h that does not match what it sent.
        with self.assertNoLogs("slixmpp.plugins.xep_0198.stream_management", level="ERROR"):
            loop.run_until_complete(asyncio.wait_for(scenario(), 60))


if __name__ == "__main__":
    unittest.main()
