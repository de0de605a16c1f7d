"""Helpers for the RFC 6121 (XMPP IM and presence) integration tests (test_rfc6121_*.py).

They only speak XMPP over the wire (through harness.XmppClient) and look at nothing inside
the server: the tests check djabberd against the RFC text, not against its own code.

* ImTestCase: a ServerTestCase whose vhost loads roster and offline storage, with fresh
  accounts per test (`fresh_users`), so that roster state never leaks between tests.
* Roster helpers (get / set / remove / wait for a roster push, answering it as a client
  should), presence helpers (initial presence that waits for its own reflection, waiting
  for a presence of a given type from a given JID), and `assert_not_received`, which proves
  that a stanza was NOT delivered by sending a marker stanza behind it (RFC 6120 §10.1:
  in-order processing) instead of sleeping.
* RestartableServer: a DjabberdServer that can be stopped (SIGTERM) or killed (SIGKILL of
  its own PID only) and started again on the same data directory and configuration.
"""

import asyncio
import itertools
import os
import shlex
import signal
import ssl
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DOMAIN, NS_CLIENT, NS_PING, DjabberdServer, ServerTestCase,  # noqa: E402
                     bare, default_plugins, q, to_string, xml_escape)

NS_ROSTER = "jabber:iq:roster"
NS_ROSTERVER = "urn:xmpp:features:rosterver"
NS_PREAPPROVAL = "urn:xmpp:features:pre-approval"
NS_DELAY = "urn:xmpp:delay"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"

IQ = q(NS_CLIENT, "iq")
MESSAGE = q(NS_CLIENT, "message")
PRESENCE = q(NS_CLIENT, "presence")
QUERY = q(NS_ROSTER, "query")
ITEM = q(NS_ROSTER, "item")
GROUP = q(NS_ROSTER, "group")

# A negative check (nothing arrives) that cannot use a marker stanza reads for this long.
QUIET = 1.0
# Crash tests: time given to the server to make state durable that the protocol does not
# acknowledge (offline messages, inbound subscription requests) before SIGKILL.
DELAY_GRACE = 1.0
# Bound of every wait for an expected stanza in these tests (the server answers within
# milliseconds on loopback; a shorter bound than the harness default keeps a file with many
# failing tests within ctest's 120 s).
IM_TIMEOUT = 5.0


def im_plugins():
    """The plugin list of the IM vhost: the harness defaults if they already contain the
    roster and offline storage, else auth_sqlite + roster_sqlite + offline_sqlite."""
    names = [p.get("name") for p in default_plugins()]
    if "roster_sqlite" in names and "offline_sqlite" in names:
        return default_plugins()
    return [{"name": "auth_sqlite"}, {"name": "roster_sqlite"}, {"name": "offline_sqlite"}]


def im_vhosts():
    return [{"domain": DOMAIN, "plugins": im_plugins()}]


_counter = itertools.count(1)


def unique_name(prefix="u"):
    return "%s%d%s" % (prefix, next(_counter), uuid.uuid4().hex[:6])


# --- stanza predicates -----------------------------------------------------------------------------

def is_presence(from_=None, type_=None, full=None):
    """A presence; `type_` None means available (no 'type'); `from_` compares the full 'from'
    if `full` is True, the bare one if False, and either if None (exact match wins)."""
    def pred(e):
        if e.tag != PRESENCE:
            return False
        if type_ != "*" and e.get("type") != type_:
            return False
        if from_ is None:
            return True
        f = e.get("from") or ""
        if full is True:
            return f == from_
        if full is False:
            return bare(f) == bare(from_)
        return f == from_ or bare(f) == from_
    return pred


def is_message_id(msg_id):
    return lambda e: e.tag == MESSAGE and e.get("id") == msg_id


def is_message_body(body):
    return lambda e: e.tag == MESSAGE and e.findtext(q(NS_CLIENT, "body")) == body


def is_roster_push(jid=None):
    def pred(e):
        if e.tag != IQ or e.get("type") != "set":
            return False
        query = e.find(QUERY)
        if query is None:
            return False
        if jid is None:
            return True
        return any((i.get("jid") or "").lower() == jid.lower() for i in query.findall(ITEM))
    return pred


def push_item(push, jid):
    for i in push.find(QUERY).findall(ITEM):
        if (i.get("jid") or "").lower() == jid.lower():
            return i
    return None


def groups_of(item):
    return sorted(g.text or "" for g in item.findall(GROUP))


def describe_item(item):
    if item is None:
        return "<no item>"
    return to_string(item)


# --- the client side -------------------------------------------------------------------------------

class Im:
    """IM operations on one logged-in XmppClient (`c`)."""

    def __init__(self, test, client, user):
        self.test = test
        self.c = client
        self.user = user
        self.bare = "%s@%s" % (user, DOMAIN)
        self.interested = False
        self.available = False
        self.self_reflection_seen = None

    @property
    def jid(self):
        return self.c.jid

    # -- roster
    def roster_get(self, ver=None, timeout=None):
        attr = "" if ver is None else " ver='%s'" % xml_escape(ver)
        reply = self.c.iq("get", "<query xmlns='%s'%s/>" % (NS_ROSTER, attr), timeout=timeout)
        self.interested = True
        return reply

    def roster_items(self, reply=None):
        """{jid: item} of a roster result (fetched when `reply` is None)."""
        reply = self.roster_get() if reply is None else reply
        self.test.assertEqual(reply.get("type"), "result", "roster get failed: %s" % to_string(reply))
        query = reply.find(QUERY)
        self.test.assertIsNotNone(query, "RFC 6121 §2.1.4: the roster result carries a <query/> "
                                         "element: %s" % to_string(reply))
        return {(i.get("jid") or "").lower(): i for i in query.findall(ITEM)}

    def roster_item(self, jid):
        return self.roster_items().get(jid.lower())

    def roster_set_raw(self, item_xml, to=None, timeout=None):
        return self.c.iq("set", "<query xmlns='%s'>%s</query>" % (NS_ROSTER, item_xml), to=to,
                         timeout=timeout)

    def roster_set(self, jid, name=None, groups=(), extra_attrs=""):
        attrs = "jid='%s'" % xml_escape(jid)
        if name is not None:
            attrs += " name='%s'" % xml_escape(name)
        if extra_attrs:
            attrs += " " + extra_attrs
        body = "".join("<group>%s</group>" % xml_escape(g) for g in groups)
        return self.roster_set_raw("<item %s>%s</item>" % (attrs, body))

    def roster_remove(self, jid):
        return self.roster_set_raw("<item jid='%s' subscription='remove'/>" % xml_escape(jid))

    def wait_push(self, jid, pred=None, timeout=None, what=None):
        """The next roster push about `jid` (satisfying `pred(item)`), answered with an IQ
        result (RFC 6121 §2.1.6). Checks the push's 'from' (absent or the user's bare JID)."""
        def match(e):
            if not is_roster_push(jid)(e):
                return False
            return pred is None or pred(push_item(e, jid))
        push = self.c.wait_for(match, timeout, what=what or "roster push for %s" % jid)
        self.c.send("<iq type='result' id='%s'/>" % xml_escape(push.get("id") or ""))
        frm = push.get("from")
        self.test.assertTrue(frm is None or frm.lower() == self.bare.lower(),
                             "RFC 6121 §2.1.6: a roster push comes from the user's bare JID or has "
                             "no 'from': %s" % to_string(push))
        items = push.find(QUERY).findall(ITEM)
        self.test.assertEqual(len(items), 1, "RFC 6121 §2.1.6: a roster push contains exactly one "
                                             "item: %s" % to_string(push))
        return push, push_item(push, jid)

    def wait_push_state(self, jid, subscription, ask=None, timeout=None):
        """Waits for a push for `jid` whose subscription (and ask) are as given; returns the
        item. Pushes for `jid` with other states before it are consumed."""
        def ok(item):
            return item.get("subscription", "none") == subscription and item.get("ask") == ask
        try:
            return self.wait_push(jid, ok, timeout,
                                  what="roster push %s subscription=%s ask=%s" % (jid, subscription, ask))[1]
        except AssertionError as e:
            pushes = [to_string(x) for x in self.c.queue if is_roster_push(jid)(x)]
            raise AssertionError("%s\nroster pushes for %s seen instead: %s" % (e, jid, pushes))

    def ack_pushes(self):
        """Answers (and drops) every queued roster push."""
        for e in [x for x in self.c.queue if is_roster_push()(x)]:
            self.c.queue.remove(e)
            self.c.send("<iq type='result' id='%s'/>" % xml_escape(e.get("id") or ""))

    # -- presence
    def send_presence(self, type_=None, to=None, show=None, status=None, priority=None,
                      pres_id=None, extra=""):
        attrs = ""
        if type_:
            attrs += " type='%s'" % type_
        if to:
            attrs += " to='%s'" % xml_escape(to)
        if pres_id:
            attrs += " id='%s'" % xml_escape(pres_id)
        body = ""
        if show:
            body += "<show>%s</show>" % show
        if status is not None:
            body += "<status>%s</status>" % xml_escape(status)
        if priority is not None:
            body += "<priority>%d</priority>" % priority
        body += extra
        self.c.send("<presence%s>%s</presence>" % (attrs, body) if body else "<presence%s/>" % attrs)

    def go_available(self, show=None, status=None, priority=None, reflect_timeout=2.0):
        """Initial (or updated) presence. Waits for the server's reflection of it to this very
        resource (RFC 6121 §4.2.2 / §4.4.2: the user's server broadcasts to all of the user's
        available resources, including the one that sent it) so that the server has processed
        it; without a reflection, falls back to a ping round trip."""
        self.send_presence(show=show, status=status, priority=priority)
        cls = type(self.test)
        if getattr(cls, "server_reflects_presence", True):
            try:
                self.c.wait_for(is_presence(self.jid, None, full=True), reflect_timeout,
                                what="reflection of own presence")
                self.self_reflection_seen = True
            except AssertionError:
                # test_4_2_2_initial_presence_reflected_to_sender reports this; the other
                # tests fall back to a ping round trip from now on.
                cls.server_reflects_presence = False
                self.self_reflection_seen = False
                self.ping()
        else:
            self.ping()
        self.available = True

    def ping(self):
        r = self.c.iq("get", "<ping xmlns='%s'/>" % NS_PING, to=DOMAIN)
        return r

    def wait_presence(self, from_, type_=None, full=None, timeout=None):
        return self.c.wait_for(is_presence(from_, type_, full), timeout,
                               what="presence type=%s from %s" % (type_, from_))

    def subscribe(self, contact_bare, type_="subscribe", pres_id=None):
        self.send_presence(type_=type_, to=contact_bare, pres_id=pres_id)


class ImTestCase(ServerTestCase):
    """A server with roster and offline storage; accounts are created per test."""

    vhosts = im_vhosts()
    users = {}

    def setUp(self):
        super().setUp()
        self.users = dict(type(self).users)

    def fresh_users(self, n, prefix="u"):
        names = []
        for _ in range(n):
            name = unique_name(prefix)
            external = os.environ.get("DJABBERD_TEST_EXTERNAL_ADDUSER")
            if os.environ.get("DJABBERD_TEST_EXTERNAL") and external:
                # Only for checking the tests' own logic against another server (see the
                # harness docstring): a command template with {user} {domain} {password}.
                cmd = external.format(user=shlex.quote(name), domain=shlex.quote(self.domain),
                                      password=shlex.quote(name + "-pw"))
                subprocess.run(cmd, shell=True, check=True, capture_output=True, timeout=30)
            else:
                self.server.adduser("%s@%s" % (name, self.domain), name + "-pw")
            self.users[name] = name + "-pw"
            names.append(name)
        return names

    def session(self, user, resource=None, roster=True, presence=True, priority=None,
                show=None, status=None):
        """Logs in `user`; requests the roster (interested resource) and sends initial
        presence (available resource) unless told otherwise. Returns an Im."""
        c = self.client(timeout=IM_TIMEOUT)
        c.login(user, self.users[user], resource=resource or unique_name("r"))
        im = Im(self, c, user)
        if roster:
            r = im.roster_get()
            self.assertEqual(r.get("type"), "result", "roster get failed: %s" % to_string(r))
        if presence:
            im.go_available(show=show, status=status, priority=priority)
        return im

    def assert_not_received(self, sender, recipients, pred, what):
        """Proves that no stanza matching `pred` reached any of `recipients` (Im objects):
        `sender` sends a marker message to each recipient's full JID behind the stanza under
        test; once the marker is in, the stanza would have been too (RFC 6120 §10.1)."""
        markers = {}
        for r in recipients:
            mid = sender.c.next_id("marker")
            sender.c.send("<message to='%s' id='%s' type='chat'><body>marker</body></message>"
                          % (xml_escape(r.jid), mid))
            markers[r] = mid
        for r, mid in markers.items():
            r.c.wait_for(is_message_id(mid), what="marker message %s" % mid)
            got = [to_string(e) for e in r.c.queue if pred(e)]
            self.assertEqual(got, [], "%s was delivered to %s" % (what, r.jid))

    def assert_quiet(self, im, pred, what, timeout=QUIET):
        """Reads `timeout` s and asserts that nothing matching `pred` arrived at `im`
        (for checks where no marker can be used, e.g. a stanza that is not routed at all)."""
        c = im.c
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (c.eof or c.stream_ended):
            c._recv_once(deadline)
        got = [to_string(e) for e in c.queue if pred(e)]
        self.assertEqual(got, [], "%s: unexpected stanza(s) at %s" % (what, im.jid))

    def make_subscribed(self, user, contact, both=False):
        """Drives the protocol until `user` has a 'to' subscription to `contact` (and, with
        both=True, 'both'). `user` and `contact` are available, interested Im sessions."""
        user.subscribe(contact.bare)
        user.wait_push_state(contact.bare, "none", "subscribe")
        contact.wait_presence(user.bare, "subscribe", full=False)
        contact.subscribe(user.bare, "subscribed")
        contact.wait_push_state(user.bare, "from")
        user.wait_push_state(contact.bare, "to")
        user.wait_presence(contact.bare, "subscribed", full=False)
        if both:
            contact.subscribe(user.bare)
            contact.wait_push_state(user.bare, "from", "subscribe")
            user.wait_presence(contact.bare, "subscribe", full=False)
            user.subscribe(contact.bare, "subscribed")
            user.wait_push_state(contact.bare, "both")
            contact.wait_push_state(user.bare, "both")
            contact.wait_presence(user.bare, "subscribed", full=False)


def slixmpp_client(jid, password, mech):
    """A slixmpp ClientXMPP for the test server (the one client setup of the slixmpp tests): it
    accepts the server's self-signed certificate and offers no channel binding (slixmpp 1.8.3
    only knows tls-unique and would send the GS2 flag "y", which a server advertising -PLUS must
    refuse: RFC 5802 section 6). Needs slixmpp (run with /usr/bin/python3)."""
    import slixmpp
    xmpp = slixmpp.ClientXMPP(jid, password, sasl_mech=mech)
    xmpp.ssl_context.check_hostname = False
    xmpp.ssl_context.verify_mode = ssl.CERT_NONE
    mechs = xmpp["feature_mechanisms"]
    orig = mechs.sasl_callback

    def no_channel_binding(required, optional):
        values = orig(required, optional)
        if "channel_binding" in values:
            values["channel_binding"] = None
        return values

    mechs.sasl_callback = no_channel_binding
    return xmpp


class SlixmppLoop:
    """Mixin for tests that drive slixmpp clients (the one shared by every slixmpp test): a fresh
    asyncio loop per test; the clients appended to self.clients are disconnected and the loop
    closed afterwards; run_scenario runs a coroutine on the loop within a bound."""

    scenario_timeout = 40  # seconds: run_scenario's default bound

    def setUp(self):
        super().setUp()
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.clients = []

    def tearDown(self):
        for c in self.clients:
            try:
                c.disconnect(wait=0.5)
            except Exception:
                pass
        try:
            self.loop.run_until_complete(asyncio.sleep(0.3))
        except Exception:
            pass
        for c in self.clients:
            try:
                c.abort()
            except Exception:
                pass
        pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()
        asyncio.set_event_loop(None)
        super().tearDown()

    def run_scenario(self, coro, timeout=None):
        """Runs `coro` on the test's loop; fails it after `timeout` (scenario_timeout) seconds."""
        return self.loop.run_until_complete(
            asyncio.wait_for(coro, self.scenario_timeout if timeout is None else timeout))


# --- a server that can be restarted on the same data directory -----------------------------------

class RestartableServer(DjabberdServer):
    """A DjabberdServer that can be restarted on the same configuration and data directory."""

    def _reset_runtime(self):
        self.proc = None
        self.returncode = None
        with self._log_cond:
            self._log_lines = []
        self._reader = None
        self.starttls_ports = []
        self.direct_tls_ports = []

    def restart(self):
        """SIGTERM (harness stop), then start again."""
        self.stop()
        self._reset_runtime()
        return self.start()

    def kill9(self):
        """SIGKILL of this server's own PID (no clean shutdown), and waits for it to exit."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.returncode = self.proc.returncode if self.proc is not None else None
        if self._reader is not None:
            self._reader.join(timeout=5)
        self._check_sanitizers()

    def restart_after_kill9(self):
        self.kill9()
        self._reset_runtime()
        return self.start()
