"""Federation with Prosody 0.12 (RFC 6120 s2s, XEP-0220 dialback, RFC 6121 subscriptions).

A djabberd user and a Prosody user (slixmpp clients) become mutual contacts -- one test per
initiating side --, see each other's presence and chat both ways. Both servers find each other
by DNS only: the whole file runs in private network and mount namespaces (fake_dns.
serve_as_system_resolver) where fake_dns.py on 127.0.0.1:53 is the system resolver and answers
SRV records pointing at each server's own loopback address and non-default s2s port, so
neither the SRV lookup nor the A lookup of its target can be skipped. The domains end in
.example, not .test: libunbound (Prosody's resolver) answers NXDOMAIN for .test itself, one of
its default RFC 6761 local zones, without asking any server.

Prosody 0.12 requires encrypted s2s and, with self-signed certificates, authenticates with
dialback; so this exercises djabberd's STARTTLS and dialback in both roles.
Needs root and unshare(2) (skipped otherwise) and the Debian package prosody.
"""

import asyncio
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fake_dns  # noqa: E402
import prosody_peer  # noqa: E402
from harness import DjabberdServer  # noqa: E402
from im_helpers import im_plugins, unique_name  # noqa: E402

try:
    import slixmpp  # noqa: F401
    from test_login_slixmpp import make_client
except ImportError:  # pragma: no cover
    slixmpp = None

PROSODY_DOMAIN, PROSODY_ADDR, PROSODY_C2S, PROSODY_S2S = "prosody.example", "127.0.0.2", 5222, 5369
DJABBERD_DOMAIN, DJABBERD_ADDR, DJABBERD_S2S = "djabberd.example", "127.0.0.3", 5469
ZONE = {
    "_xmpp-server._tcp." + PROSODY_DOMAIN: {"SRV": [[0, 0, PROSODY_S2S, "xmpp." + PROSODY_DOMAIN]]},
    "xmpp." + PROSODY_DOMAIN: {"A": [PROSODY_ADDR]},
    PROSODY_DOMAIN: {"A": [PROSODY_ADDR]},
    "_xmpp-server._tcp." + DJABBERD_DOMAIN: {"SRV": [[0, 0, DJABBERD_S2S,
                                                      "xmpp." + DJABBERD_DOMAIN]]},
    "xmpp." + DJABBERD_DOMAIN: {"A": [DJABBERD_ADDR]},
    DJABBERD_DOMAIN: {"A": [DJABBERD_ADDR]},
}
# s2s setup (DNS, TCP, STARTTLS, dialback with a connection back) per direction, on a busy box.
STEP_TIMEOUT = 30.0
SCENARIO_TIMEOUT = 100.0

_world = {}


def setUpModule():
    reason = prosody_peer.available()
    if reason is None and slixmpp is None:
        reason = "slixmpp is not installed (run with /usr/bin/python3)"
    if reason is not None:
        raise unittest.SkipTest(reason)
    _world["tmp"] = tempfile.mkdtemp(prefix="s2s-prosody-")
    dns, reason = fake_dns.serve_as_system_resolver(ZONE, _world["tmp"])
    if dns is None:
        shutil.rmtree(_world["tmp"], ignore_errors=True)
        raise unittest.SkipTest(reason)
    _world["dns"] = dns


def tearDownModule():
    if "dns" in _world:
        _world["dns"].stop()
    shutil.rmtree(_world.get("tmp", ""), ignore_errors=True)


class Peer:
    """A logged-in slixmpp client that queues the presences and messages it receives."""

    def __init__(self, xmpp, jid):
        self.xmpp, self.jid = xmpp, jid
        self.presences = asyncio.Queue()
        xmpp.add_event_handler("presence", self.presences.put_nowait)

    async def next_presence(self, what, pred):
        deadline = time.monotonic() + STEP_TIMEOUT
        seen = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("%s: no %s within %.0f s; got %s"
                                     % (self.jid, what, STEP_TIMEOUT, seen))
            try:
                p = await asyncio.wait_for(self.presences.get(), remaining)
            except asyncio.TimeoutError:
                continue
            seen.append(str(p))
            if pred(p):
                return p

    async def next_message(self, body):
        deadline = time.monotonic() + STEP_TIMEOUT
        seen = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("%s: message %r not received within %.0f s; got %s"
                                     % (self.jid, body, STEP_TIMEOUT, seen))
            try:
                m = await asyncio.wait_for(self.xmpp.received.get(), remaining)
            except asyncio.TimeoutError:
                continue
            seen.append(str(m))
            if m["body"] == body:
                return m

    async def roster_state(self, contact, subscription):
        """Waits until the roster (from the server's pushes) has `contact` at `subscription`."""
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            roster = self.xmpp.client_roster
            if contact in roster and roster[contact]["subscription"] == subscription:
                return
            await asyncio.sleep(0.1)
        got = self.xmpp.client_roster[contact]["subscription"] \
            if contact in self.xmpp.client_roster else "(absent)"
        raise AssertionError("%s: roster item %s is %s, not %s"
                             % (self.jid, contact, got, subscription))


def from_bare(jid, ptype):
    return lambda p: p["from"].bare == jid and p["type"] == ptype


class ProsodyFederationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.prosody = prosody_peer.ProsodyPeer(PROSODY_DOMAIN, PROSODY_ADDR, PROSODY_C2S,
                                               PROSODY_S2S)
        cls.addClassCleanup(cls.prosody.cleanup)
        cls.prosody.start()
        extra = "[s2s]\nlisten = [\"%s:%d\"]\n" % (DJABBERD_ADDR, DJABBERD_S2S)
        cls.djabberd = DjabberdServer(vhosts=[{"domain": DJABBERD_DOMAIN,
                                               "plugins": im_plugins()}], extra=extra)
        cls.addClassCleanup(cls.djabberd.cleanup)
        cls.djabberd.start()

    def setUp(self):
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.clients = []

    def tearDown(self):
        async def disconnect_all():
            for c in self.clients:
                c.disconnect(wait=1)
            await asyncio.sleep(0.2)
        try:
            self.loop.run_until_complete(asyncio.wait_for(disconnect_all(), 10))
        except Exception:
            pass
        for c in self.clients:
            c.abort()
        pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()
        asyncio.set_event_loop(None)

    def user(self, on_prosody):
        name, password = unique_name("p" if on_prosody else "d"), "pw-" + unique_name()
        if on_prosody:
            self.prosody.register(name, password)
            return "%s@%s" % (name, PROSODY_DOMAIN), password
        self.djabberd.adduser("%s@%s" % (name, DJABBERD_DOMAIN), password)
        return "%s@%s" % (name, DJABBERD_DOMAIN), password

    async def login(self, jid, password, address, port, mech):
        xmpp = make_client(jid + "/slix", password, mech)
        # Subscriptions are answered by the test, step by step, not by slixmpp's defaults.
        xmpp.auto_authorize = None
        xmpp.auto_subscribe = False
        peer = Peer(xmpp, jid)
        self.clients.append(xmpp)
        xmpp.connect((address, port), force_starttls=True)
        await asyncio.wait_for(xmpp.session_started, 20)
        await xmpp.get_roster(timeout=10)
        xmpp.send_presence()
        return peer

    def run_with_diagnostics(self, scenario):
        try:
            self.loop.run_until_complete(asyncio.wait_for(scenario, SCENARIO_TIMEOUT))
        except BaseException:
            sys.stderr.write("\n===== DNS queries =====\n%s\n" % _world["dns"].queries)
            sys.stderr.write("===== djabberd log =====\n%s\n" % self.djabberd.log_tail(400))
            sys.stderr.write("===== prosody log =====\n%s\n" % self.prosody.log_tail(400))
            raise

    async def befriend_and_chat(self, initiator, contact):
        """`initiator` subscribes to `contact`; both end up 'both', see each other online, and
        exchange a message each way."""
        a, b = initiator, contact
        a.xmpp.send_presence(pto=b.jid, ptype="subscribe")
        await b.next_presence("subscribe from " + a.jid, from_bare(a.jid, "subscribe"))
        b.xmpp.send_presence(pto=a.jid, ptype="subscribed")
        await a.next_presence("subscribed from " + b.jid, from_bare(b.jid, "subscribed"))
        await a.roster_state(b.jid, "to")
        # The contact's server sends its current presence after the approval (RFC 6121 §3.1.5).
        await a.next_presence("available from " + b.jid, from_bare(b.jid, "available"))
        b.xmpp.send_presence(pto=a.jid, ptype="subscribe")
        await a.next_presence("subscribe from " + b.jid, from_bare(b.jid, "subscribe"))
        a.xmpp.send_presence(pto=b.jid, ptype="subscribed")
        await b.next_presence("subscribed from " + a.jid, from_bare(a.jid, "subscribed"))
        await b.next_presence("available from " + a.jid, from_bare(a.jid, "available"))
        await a.roster_state(b.jid, "both")
        await b.roster_state(a.jid, "both")
        a.xmpp.send_message(mto=b.jid, mbody="hello from " + a.jid, mtype="chat")
        got = await b.next_message("hello from " + a.jid)
        self.assertEqual(got["from"].bare, a.jid)
        b.xmpp.send_message(mto=a.jid, mbody="hello back from " + b.jid, mtype="chat")
        got = await a.next_message("hello back from " + b.jid)
        self.assertEqual(got["from"].bare, b.jid)

    def test_djabberd_user_subscribes_to_prosody_user(self):
        (dj, dj_pw), (pr, pr_pw) = self.user(False), self.user(True)

        async def scenario():
            a = await self.login(dj, dj_pw, "127.0.0.1", self.djabberd.port, "SCRAM-SHA-256")
            b = await self.login(pr, pr_pw, PROSODY_ADDR, PROSODY_C2S, "SCRAM-SHA-1")
            await self.befriend_and_chat(a, b)

        self.run_with_diagnostics(scenario())
        # djabberd found Prosody through SRV, and Prosody found djabberd the same way.
        queries = _world["dns"].queries
        self.assertIn(("_xmpp-server._tcp." + PROSODY_DOMAIN, "SRV"), queries)
        self.assertIn(("_xmpp-server._tcp." + DJABBERD_DOMAIN, "SRV"), queries)

    def test_prosody_user_subscribes_to_djabberd_user(self):
        (pr, pr_pw), (dj, dj_pw) = self.user(True), self.user(False)

        async def scenario():
            a = await self.login(pr, pr_pw, PROSODY_ADDR, PROSODY_C2S, "SCRAM-SHA-1")
            b = await self.login(dj, dj_pw, "127.0.0.1", self.djabberd.port, "SCRAM-SHA-256")
            await self.befriend_and_chat(a, b)

        self.run_with_diagnostics(scenario())


if __name__ == "__main__":
    unittest.main()
