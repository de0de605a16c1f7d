"""Three djabberd nodes on loopback as one server for the domain `localhost` (CAF remoting):
membership through seeds, messages and roster/presence subscriptions between clients on
different nodes, refusal of a node with a wrong secret, and kill -9 of a node: the others notice
within a bound, its users' contacts see them unavailable, messages to them go to offline storage
and are delivered when they log in on a surviving node; a node joining and leaving (accounts
re-home); TLS between nodes (a certificate of another CA keeps a node out).

Storage: each node has its own SQLite files and every account is created on every node. An
account's roster and offline messages live where its home node (rendezvous hashing of the bare
JID over the live members) stores them, so the test picks accounts whose home survives the kill
(cluster_helpers.name_homed_at computes the nodes' hash)."""

import itertools
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cluster_helpers import (ClusterNode, free_port, home_of, make_ca_and_cert,  # noqa: E402
                             name_homed_at)
from harness import (DOMAIN, XmppClient, XmppTimeout, q,  # noqa: E402
                     stanza_error_condition, to_string)
from im_helpers import (IM_TIMEOUT, NS_DELAY, Im, ImTestCase, im_plugins,  # noqa: E402
                        im_vhosts, is_message_body, is_presence)
from test_xep_0280_carbons import is_carbon  # noqa: E402

NAMES = ["n1", "n2", "n3"]
# A killed node's TCP connections reset at once; this bounds how long the others may take to
# drop it from their member lists.
DETECTION_BOUND = 5.0
JOIN_TIMEOUT = 30.0

_counter = itertools.count(1)


class ClusterTest(ImTestCase):
    @classmethod
    def setUpClass(cls):
        cls._had_failure = False
        ports = [free_port() for _ in NAMES]
        cls.nodes = {}
        for i, name in enumerate(NAMES):
            seeds = [p for j, p in enumerate(ports) if j != i]
            cls.nodes[name] = ClusterNode(name, ports[i], seeds, cls.vhosts_for_nodes())
        cls.server = cls.nodes["n1"]  # ImTestCase helpers: accounts, clients of node n1
        cls.addClassCleanup(cls._cleanup_nodes)
        for node in cls.nodes.values():
            node.start()
        for node in cls.nodes.values():
            if node.wait_for_log(r"members: 3 node\(s\)", timeout=JOIN_TIMEOUT) is None:
                raise AssertionError("node %s did not see 3 members:\n%s"
                                     % (node.name, node.log_tail(100)))

    @classmethod
    def _cleanup_nodes(cls):
        for node in cls.nodes.values():
            if cls._had_failure and node.proc is not None:
                node.stop()
                sys.stderr.write("\n===== log of node %s =====\n%s\n===== end =====\n"
                                 % (node.name, node.log_tail(200)))
            node.cleanup()

    @classmethod
    def vhosts_for_nodes(cls):
        # SQLite per node
        return [{"domain": DOMAIN, "plugins": im_plugins() + [
            {"name": "blocking"}, {"name": "blocklist_sqlite"}, {"name": "carbons"},
            {"name": "stream_management"}]}]

    # -- helpers
    def create_account(self, name):
        for node in self.live():
            self.nodes[node].adduser("%s@%s" % (name, DOMAIN), name + "-pw")

    def live(self):
        return [n for n in NAMES if self.nodes[n].running()]

    def new_user(self, home=None, prefix="u"):
        """An account created on every live node; with `home`, one whose home is that node."""
        n = next(_counter)
        name = name_homed_at(prefix, DOMAIN, NAMES, home, n) if home else "%s%d" % (prefix, n)
        self.create_account(name)
        self.users[name] = name + "-pw"
        return name

    def session_on(self, node, user, roster=True, presence=True, status=None):
        c = XmppClient(self.nodes[node].port, domain=DOMAIN, timeout=IM_TIMEOUT)
        self.addCleanup(c.close)
        c.login(user, self.users[user], resource="r-" + node)
        im = Im(self, c, user)
        if roster:
            self.assertEqual(im.roster_get().get("type"), "result")
        if presence:
            im.go_available(status=status)
        return im

    def assert_message(self, sender, recipient, to):
        body = "from %s to %s via %s" % (sender.jid, recipient.jid, to)
        sender.c.send_message(to, body)
        msg = recipient.c.wait_message(is_message_body(body))
        self.assertEqual(msg.get("from"), sender.jid, to_string(msg))

    # -- tests (the kill -9 test runs last: test_9_...)
    def test_1_every_node_sees_every_member(self):
        for name in NAMES:
            node = self.nodes[name]
            self.assertEqual(node.members(), NAMES, node.ctl_ok("cluster").stdout)
            info = node.cluster_info()
            self.assertEqual(info["node"], name)
            self.assertEqual(info["members"], "3")
            status = node.ctl_ok("status").stdout
            self.assertIn("cluster_node=%s" % name, status)
            self.assertIn("cluster_members=3", status)

    def test_2_messages_between_clients_on_different_nodes(self):
        ims = {}
        for name in NAMES:
            ims[name] = self.session_on(name, self.new_user(prefix="m"))
        for a, b in itertools.permutations(NAMES, 2):
            self.assert_message(ims[a], ims[b], ims[b].jid)   # full JID
            self.assert_message(ims[a], ims[b], ims[b].bare)  # bare JID: the home decides
        relayed = sum(int(dict(line.split("=", 1) for line in
                               self.nodes[n].ctl_ok("stats").stdout.splitlines())
                          .get("cluster_relayed", 0)) for n in NAMES)
        self.assertGreater(relayed, 0)

    def test_3_roster_and_presence_subscription_across_nodes(self):
        # Homes on the third node: every step crosses nodes.
        alice = self.session_on("n1", self.new_user(home="n3", prefix="a"))
        bob = self.session_on("n2", self.new_user(home="n3", prefix="b"))
        self.make_subscribed(alice, bob, both=True)
        self.assertEqual(alice.roster_item(bob.bare).get("subscription"), "both")
        self.assertEqual(bob.roster_item(alice.bare).get("subscription"), "both")
        bob.send_presence(status="on node two")
        got = alice.c.wait_for(lambda e: is_presence(bob.jid, None, full=True)(e) and
                               e.findtext(q("jabber:client", "status")) == "on node two")
        self.assertIsNotNone(got)
        # A second resource of alice on another node gets bob's presence by probe.
        alice2 = self.session_on("n3", alice.user)
        alice2.wait_presence(bob.jid, None, full=True)

    def test_4_a_node_with_a_wrong_secret_is_refused(self):
        n1 = self.nodes["n1"]
        intruder = ClusterNode("n4", free_port(), [n1.cluster_port], im_vhosts(),
                               secret="not-the-cluster-secret")
        self.addCleanup(intruder.cleanup)
        start = n1.log_line_count()
        intruder.start()
        self.assertIsNotNone(n1.wait_for_log(r"refused node n4 .*wrong secret", start=start,
                                             timeout=JOIN_TIMEOUT), n1.log_tail(50))
        self.assertIsNotNone(intruder.wait_for_log(r"refused this node: wrong secret",
                                                   timeout=JOIN_TIMEOUT), intruder.log_tail(50))
        for name in NAMES:
            self.assertEqual(self.nodes[name].members(), NAMES)
        self.assertEqual(intruder.members(), ["n4"])
        self.assertIn("refused_by.1", intruder.cluster_info())

    def test_5_a_joining_node_takes_over_accounts(self):
        # p and r are homed on n5 once it joins: their sessions (on n1, n2) are announced to it
        # and messages still arrive; when n5 leaves (SIGTERM) the accounts move back.
        everyone = NAMES + ["n5"]
        n = next(_counter)
        p_name = name_homed_at("p", DOMAIN, everyone, "n5", n)
        r_name = name_homed_at("r", DOMAIN, everyone, "n5", n)
        n5 = ClusterNode("n5", free_port(), [self.nodes["n1"].cluster_port],
                         self.vhosts_for_nodes())
        self.addCleanup(n5.cleanup)
        for name in (p_name, r_name):
            self.create_account(name)
            self.create_account_on(n5, name)
            self.users[name] = name + "-pw"
        p = self.session_on("n1", p_name)
        r = self.session_on("n2", r_name)
        self.assert_message(p, r, r.bare)
        starts = {name: self.nodes[name].log_line_count() for name in NAMES}
        n5.start()
        for name in NAMES:
            self.assertIsNotNone(self.nodes[name].wait_for_log(
                r"members: 4 node\(s\)", start=starts[name], timeout=JOIN_TIMEOUT))
        self.assertIsNotNone(n5.wait_for_log(r"members: 4 node\(s\)", timeout=JOIN_TIMEOUT))
        self.assert_message(p, r, r.bare)
        self.assert_message(r, p, p.bare)
        self.assertGreaterEqual(int(n5.cluster_info()["account_actors"]), 1)
        starts = {name: self.nodes[name].log_line_count() for name in NAMES}
        n5.stop()
        for name in NAMES:
            self.assertIsNotNone(self.nodes[name].wait_for_log(
                r"members: 3 node\(s\)", start=starts[name], timeout=DETECTION_BOUND))
        self.assert_message(p, r, r.bare)

    def test_6_block_list_carbons_and_acks_with_the_home_on_another_node(self):
        # alice's account is homed on n2 and her session is on n1, like bob's and carol's: stanzas
        # between them are delivered on n1 directly, yet alice's block list and carbons (kept by
        # her account actor on n2) apply.
        alice = self.session_on("n1", self.new_user(home="n2", prefix="ba"))
        bob = self.session_on("n1", self.new_user(home="n3", prefix="bb"))
        carol = self.session_on("n1", self.new_user(home="n1", prefix="bc"))
        reply = alice.c.iq("set", "<block xmlns='urn:xmpp:blocking'><item jid='%s'/></block>"
                           % bob.bare)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        # n2's router tells n1's that alice has a block list; that message travels apart from the
        # IQ result, so the first stanzas may pass before it lands: each probe is a new stanza.
        err = self.first_answer(bob, alice.jid, lambda sid, e: e.get("id") == sid and
                                e.get("type") == "error", "the bounce of a message to alice")
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))
        err = self.first_answer(alice, bob.jid, lambda sid, e: e.get("id") == sid and
                                e.get("type") == "error", "the refusal of a message to bob")
        self.assertEqual(stanza_error_condition(err)[0], "not-acceptable", to_string(err))
        # Carbons: alice's second resource, on n3, gets a copy of what reaches her n1 resource.
        alice2 = self.session_on("n3", alice.user)
        for im in (alice, alice2):
            reply = im.c.iq("set", "<enable xmlns='urn:xmpp:carbons:2'/>")
            self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.first_answer(carol, alice.jid, lambda sid, e: is_carbon("received", sid)(e),
                          "the carbon on n3", watcher=alice2)
        # XEP-0198: carol's message to alice's bare JID is relayed to n2, and acked once there.
        carol.c.send("<enable xmlns='urn:xmpp:sm:3'/>")
        carol.c.wait_for(lambda e: e.tag == q("urn:xmpp:sm:3", "enabled"), what="<enabled/>")
        carol.c.send_message(alice.bare, "acked across nodes")
        alice.c.wait_message(is_message_body("acked across nodes"))
        h = 0
        for _ in range(20):
            carol.c.send("<r xmlns='urn:xmpp:sm:3'/>")
            h = int(carol.c.wait_for(lambda e: e.tag == q("urn:xmpp:sm:3", "a"),
                                     what="<a/>").get("h"))
            if h == 1:
                break
            time.sleep(0.25)
        self.assertEqual(h, 1)

    def first_answer(self, sender, to, pred, what, watcher=None, attempts=20):
        """Sends messages from `sender` to `to` (a new id each time, one per second at most) until
        `watcher` (default: the sender) gets an element for which pred(id, element) holds."""
        watcher = watcher or sender
        for i in range(attempts):
            sid = "probe-%d-%d" % (next(_counter), i)
            sender.c.send("<message to='%s' id='%s' type='chat'><body>%s</body></message>"
                          % (to, sid, sid))
            try:
                return watcher.c.wait_for(lambda e: pred(sid, e), timeout=1.0, what=what)
            except XmppTimeout:
                continue
        self.fail("no %s after %d messages" % (what, attempts))

    def create_account_on(self, node, name):
        """Adds the account to a node's own store (djabberctl works while the node is stopped)."""
        node.adduser("%s@%s" % (name, DOMAIN), name + "-pw")

    def test_9_kill_9_of_a_node(self):
        survivors = ["n1", "n2"]
        # v: session on n3, home n2 (which survives); x: session on n3, home n3 (dies with it);
        # w: a contact of both, on n1.
        v = self.session_on("n3", self.new_user(home="n2", prefix="v"))
        x = self.session_on("n3", self.new_user(home="n3", prefix="x"))
        w = self.session_on("n1", self.new_user(home="n1", prefix="w"))
        self.make_subscribed(w, v, both=True)
        w.wait_presence(v.jid, None, full=True)
        self.assertEqual(home_of(v.bare, survivors), "n2")
        starts = {n: self.nodes[n].log_line_count() for n in survivors}
        killed_at = time.monotonic()
        self.nodes["n3"].kill9()
        for n in survivors:
            self.assertIsNotNone(
                self.nodes[n].wait_for_log(r"node n3 left", start=starts[n],
                                           timeout=DETECTION_BOUND), self.nodes[n].log_tail(50))
        self.assertLess(time.monotonic() - killed_at, DETECTION_BOUND)
        for n in survivors:  # the routers have the new view (homes recomputed)
            self.assertIsNotNone(self.nodes[n].wait_for_log(r"members: 2 node\(s\)",
                                                            start=starts[n], timeout=5))
        # v's contact sees v go (the home, n2, watched v's session on n3).
        gone = w.c.wait_for(is_presence(v.jid, "unavailable", full=True), DETECTION_BOUND)
        self.assertIsNotNone(gone)
        for n in survivors:
            self.assertEqual(self.nodes[n].members(), survivors)
        # Messages to v and x now go to offline storage at their (new) homes ...
        w.c.send_message(v.bare, "while you were away")
        w.c.send_message(x.bare, "while your node was down")
        w.ping()
        # ... and come when they log in on a surviving node.
        for user, node, body in ((v.user, "n1", "while you were away"),
                                 (x.user, "n2", "while your node was down")):
            im = self.session_on(node, user)
            msg = im.c.wait_message(is_message_body(body))
            self.assertIsNotNone(msg.find(q(NS_DELAY, "delay")), to_string(msg))


@unittest.skipIf(shutil.which("openssl") is None, "the openssl command is missing")
class ClusterTlsTest(unittest.TestCase):
    """Two nodes talking TLS (libcaf_openssl) with certificates of one CA, and a node whose
    certificate another CA signed, which never gets in."""

    def test_tls_between_nodes(self):
        folder = tempfile.mkdtemp(prefix="djabberd-cluster-tls-")
        self.addCleanup(shutil.rmtree, folder, True)
        tls = make_ca_and_cert(folder, "cluster")
        foreign = make_ca_and_cert(folder, "foreign")
        ports = [free_port(), free_port()]
        nodes = [ClusterNode("t%d" % i, ports[i], [ports[1 - i]], im_vhosts(), tls=tls)
                 for i in range(2)]
        for node in nodes:
            self.addCleanup(node.cleanup)
            node.start()
        for node in nodes:
            self.assertIsNotNone(node.wait_for_log(r"members: 2 node\(s\)",
                                                   timeout=JOIN_TIMEOUT), node.log_tail(50))
        users = {}
        for i, node in enumerate(nodes):
            users[i] = "tls%d_%d" % (i, next(_counter))
            for n in nodes:
                n.adduser("%s@%s" % (users[i], DOMAIN), "pw-" + users[i])
        clients = []
        for i, node in enumerate(nodes):
            c = XmppClient(node.port, domain=DOMAIN, timeout=IM_TIMEOUT)
            self.addCleanup(c.close)
            c.login(users[i], "pw-" + users[i], resource="r")
            clients.append(c)
        clients[0].send_message(clients[1].jid, "over TLS between nodes")
        msg = clients[1].wait_message(is_message_body("over TLS between nodes"))
        self.assertEqual(msg.get("from"), clients[0].jid)
        intruder = ClusterNode("t9", free_port(), [ports[0]], im_vhosts(), tls=foreign)
        self.addCleanup(intruder.cleanup)
        intruder.start()
        self.assertIsNotNone(intruder.wait_for_log(r"cannot reach 127\.0\.0\.1:%d" % ports[0],
                                                   timeout=JOIN_TIMEOUT), intruder.log_tail(50))
        self.assertEqual(intruder.members(), ["t9"])
        # Not asserted: that t0 and t1 stay connected meanwhile. With CAF 0.17's openssl layer a
        # failed handshake on t0 was seen to drop t0's link to t1 too (it reconnects within a
        # second); see README, Clustering, known limits.
        self.assertNotIn("t9", nodes[0].members())


def _pg_missing():
    """Why the shared-storage variant cannot run here, or None."""
    plugins = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "plugins")
    with open(os.path.join(plugins, "builtin_plugins.cpp")) as f:
        if "auth_pg" not in f.read():
            return "the PostgreSQL plugins are not built into djabberd"
    try:
        from pg_server import missing_reason
    except ImportError:
        return "tests/integration/pg_server.py is missing"
    return missing_reason()


@unittest.skipIf(_pg_missing() is not None, "shared storage unavailable: %s" % _pg_missing())
class ClusterSharedStorageTest(ClusterTest):
    """The same cluster on one PostgreSQL (auth_pg, roster_pg, offline_pg) for all nodes, plus
    what needs shared storage: a node dies together with the home of its users' accounts."""

    @classmethod
    def setUpClass(cls):
        from pg_server import PgServer
        cls.pg = PgServer()
        cls.addClassCleanup(cls.pg.cleanup)
        cls.pg.start()
        db = {"conninfo": cls.pg.conninfo(), "connections": 2}
        cls.pg_vhosts = [{"domain": DOMAIN, "plugins": [
            dict(name="auth_pg", **db), dict(name="roster_pg", **db),
            dict(name="offline_pg", **db)]}]
        super().setUpClass()

    @classmethod
    def vhosts_for_nodes(cls):
        return cls.pg_vhosts

    # Membership and the secret do not depend on storage: ClusterTest covers them (a None
    # attribute is not collected as a test).
    test_1_every_node_sees_every_member = None
    test_4_a_node_with_a_wrong_secret_is_refused = None
    test_6_block_list_carbons_and_acks_with_the_home_on_another_node = None  # no pg block list

    def create_account_on(self, node, name):
        pass  # every node reads the one database create_account() wrote to

    def create_account(self, name):
        from test_pg_storage import scram_row
        sql = ["BEGIN", "INSERT INTO accounts (domain, username, created_at) VALUES "
               "('%s', '%s', %d)" % (DOMAIN, name.lower(), int(time.time()))]
        for algo in ("SHA-1", "SHA-256"):
            a, salt, it, stored, server = scram_row(algo, name + "-pw")
            sql.append("INSERT INTO scram_credentials VALUES ('%s', '%s', '%s', '\\x%s', %d, "
                       "'\\x%s', '\\x%s')" % (DOMAIN, name.lower(), a, salt.hex(), it,
                                                stored.hex(), server.hex()))
        sql.append("COMMIT")
        self.pg.psql(";\n".join(sql))

    def test_9_kill_9_of_a_node(self):
        # x: session and home on n3; when n3 dies, x's next home (which watched the session)
        # tells x's contact w, and x's roster and offline messages are in the shared store.
        x = self.session_on("n3", self.new_user(home="n3", prefix="x"))
        w = self.session_on("n1", self.new_user(home="n1", prefix="w"))
        self.make_subscribed(w, x, both=True)
        w.wait_presence(x.jid, None, full=True)
        starts = {n: self.nodes[n].log_line_count() for n in ("n1", "n2")}
        self.nodes["n3"].kill9()
        for n in ("n1", "n2"):
            self.assertIsNotNone(self.nodes[n].wait_for_log(
                r"members: 2 node\(s\)", start=starts[n], timeout=DETECTION_BOUND))
        w.c.wait_for(is_presence(x.jid, "unavailable", full=True), DETECTION_BOUND)
        w.c.send_message(x.bare, "your node died")
        w.ping()
        x2 = self.session_on("n2", x.user)
        msg = x2.c.wait_message(is_message_body("your node died"))
        self.assertIsNotNone(msg.find(q(NS_DELAY, "delay")), to_string(msg))
        self.assertEqual(x2.roster_item(w.bare).get("subscription"), "both")


if __name__ == "__main__":
    unittest.main()
