"""djabberd finds remote servers through DNS SRV (RFC 6120 §3.2, XEP-0368) with [s2s] dns_servers.

Two djabberd daemons, alpha.example and beta.example (beta also serves gamma.example), listen for
s2s on ephemeral loopback ports that only fake_dns.py knows: it answers _xmpp-server._tcp SRV
records (and _xmpps-server for gamma, direct TLS only) whose targets have A records. Neither
daemon has a static route, so a message can only arrive if the SRV lookup, the target's address
lookup and the port from the SRV record were all used. Failure paths: a domain without DNS
(NXDOMAIN) and one whose SRV target is "." (no XMPP service) bounce remote-server-not-found.
"""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fake_dns import FakeDns  # noqa: E402
from harness import NS_CLIENT, DjabberdServer, XmppClient, q, stanza_error_condition  # noqa: E402
from im_helpers import im_plugins  # noqa: E402

_S2S_LISTEN_RE = re.compile(r"s2s listener kind=(starttls|direct_tls) address=[0-9.]+:(\d+)")
DELIVERY_TIMEOUT = 30.0  # DNS, TCP, TLS and dialback (with its connection back) both ways


def s2s_ports(server):
    ports = {}
    for kind, port in _S2S_LISTEN_RE.findall(server.log):
        ports.setdefault(kind, int(port))
    return ports


class S2sDnsTest(unittest.TestCase):
    users = {"alice": "alice-pw", "bob": "bob-pw", "gina": "gina-pw"}

    @classmethod
    def start_server(cls, domains, dns_port, direct_tls):
        s2s = ["[s2s]", 'listen = ["127.0.0.1:0"]', 'dns_servers = ["127.0.0.1:%d"]' % dns_port]
        if direct_tls:
            s2s.append('direct_tls_listen = ["127.0.0.1:0"]')
        server = DjabberdServer(vhosts=[{"domain": d, "plugins": im_plugins()} for d in domains],
                                extra="\n".join(s2s) + "\n")
        cls.addClassCleanup(cls.cleanup_server, server)
        server.start()
        ports = s2s_ports(server)
        if "starttls" not in ports or (direct_tls and "direct_tls" not in ports):
            raise AssertionError("no s2s listener ports in the log (%r)\n%s"
                                 % (ports, server.log_tail(100)))
        return server, ports

    @classmethod
    def cleanup_server(cls, server):
        if cls._failed:
            sys.stderr.write("\n===== djabberd log =====\n%s\n" % server.log_tail(300))
        server.cleanup()

    @classmethod
    def setUpClass(cls):
        cls._failed = False
        cls.dns = FakeDns({}).start()
        cls.addClassCleanup(cls.dns.stop)
        cls.alpha, alpha_ports = cls.start_server(["alpha.example"], cls.dns.port, False)
        cls.beta, beta_ports = cls.start_server(["beta.example", "gamma.example"], cls.dns.port,
                                                True)
        # The zone refers to the ports just opened; FakeDns reads it on every query.
        cls.dns.zone.update({
            "_xmpp-server._tcp.alpha.example": {"SRV": [[10, 0, alpha_ports["starttls"],
                                                         "s2s.alpha.example"]]},
            "s2s.alpha.example": {"A": ["127.0.0.1"]},
            "_xmpp-server._tcp.beta.example": {"SRV": [[10, 0, beta_ports["starttls"],
                                                        "s2s.beta.example"]]},
            "s2s.beta.example": {"A": ["127.0.0.1"]},
            "_xmpps-server._tcp.gamma.example": {"SRV": [[10, 0, beta_ports["direct_tls"],
                                                          "tls.gamma.example"]]},
            "tls.gamma.example": {"A": ["127.0.0.1"]},
            "_xmpp-server._tcp.closed.example": {"SRV": [[0, 0, 0, "."]]},
            "closed.example": {"A": ["127.0.0.1"]},
        })
        cls.alpha.adduser("alice@alpha.example", cls.users["alice"])
        cls.beta.adduser("bob@beta.example", cls.users["bob"])
        cls.beta.adduser("gina@gamma.example", cls.users["gina"])

    def run(self, result=None):
        before = (len(result.failures), len(result.errors)) if result is not None else None
        out = super().run(result)
        if result is not None and (len(result.failures), len(result.errors)) != before:
            type(self)._failed = True
            sys.stderr.write("\nDNS queries: %r\n" % self.dns.queries)
        return out

    def login(self, server, user, domain):
        c = XmppClient(server.port, domain=domain)
        self.addCleanup(c.close)
        c.login(user, self.users[user])
        # Available, so that a message to the bare JID is delivered, not stored offline
        # (RFC 6121 §8.5.2.1.1); the server's reflection shows the presence was processed.
        c.send("<presence/>")
        c.wait_for(lambda e: e.tag == q(NS_CLIENT, "presence") and e.get("from") == c.jid,
                   what="reflection of own presence")
        return c

    def assert_delivered(self, sender, receiver, to, body):
        sender.send_message(to, body)
        got = receiver.wait_message(lambda m: m.findtext(q(NS_CLIENT, "body")) == body,
                                    timeout=DELIVERY_TIMEOUT)
        self.assertEqual(got.get("from").split("/")[0], sender.jid.split("/")[0])

    def test_message_both_ways_through_srv(self):
        alice = self.login(self.alpha, "alice", "alpha.example")
        bob = self.login(self.beta, "bob", "beta.example")
        self.assert_delivered(alice, bob, "bob@beta.example", "hello beta")
        self.assert_delivered(bob, alice, "alice@alpha.example", "hello alpha")
        self.assertIn(("_xmpp-server._tcp.beta.example", "SRV"), self.dns.queries)
        self.assertIn(("s2s.beta.example", "A"), self.dns.queries)
        self.assertIn(("_xmpp-server._tcp.alpha.example", "SRV"), self.dns.queries)

    def test_direct_tls_srv_record(self):
        # gamma.example has only an _xmpps-server record: alpha must start TLS at once (XEP-0368).
        alice = self.login(self.alpha, "alice", "alpha.example")
        gina = self.login(self.beta, "gina", "gamma.example")
        self.assert_delivered(alice, gina, "gina@gamma.example", "hello over direct TLS")
        self.assertIn(("_xmpps-server._tcp.gamma.example", "SRV"), self.dns.queries)
        self.assertIn(("tls.gamma.example", "A"), self.dns.queries)

    def assert_bounced(self, to):
        alice = self.login(self.alpha, "alice", "alpha.example")
        msg_id = alice.send_message(to, "anyone there?")
        err = alice.wait_message(lambda m: m.get("id") == msg_id and m.get("type") == "error",
                                 timeout=DELIVERY_TIMEOUT)
        self.assertEqual(stanza_error_condition(err)[0], "remote-server-not-found")

    def test_nxdomain_bounces_remote_server_not_found(self):
        self.assert_bounced("nobody@nowhere.example")
        self.assertIn(("_xmpp-server._tcp.nowhere.example", "SRV"), self.dns.queries)

    def test_dot_srv_target_bounces_remote_server_not_found(self):
        self.assert_bounced("nobody@closed.example")
        # "." means no service: no fallback to the domain's own address.
        self.assertNotIn(("closed.example", "A"), self.dns.queries)


if __name__ == "__main__":
    unittest.main()
