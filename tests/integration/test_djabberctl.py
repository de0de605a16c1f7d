"""djabberctl adduser / passwd / deluser against a running server (and a stopped one)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, ServerTestCase, XmppClient  # noqa: E402


class DjabberctlTest(ServerTestCase):
    users = {}

    def try_login(self, user, password, mech="SCRAM-SHA-256"):
        """SASL outcome for user/password on a fresh TLS stream."""
        c, _ = self.tls_stream()
        res = c.authenticate(user, password, mech=mech)
        c.close()
        return res

    def assertLoginOk(self, user, password):
        for mech in ("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"):
            res = self.try_login(user, password, mech)
            self.assertTrue(res.ok, "%s login of %s failed: %r" % (mech, user, res))
        c = self.client()
        jid = c.login(user, password, resource="ctl")
        self.assertEqual(jid, "%s@localhost/ctl" % user)

    def assertLoginRefused(self, user, password):
        for mech in ("SCRAM-SHA-256", "PLAIN"):
            res = self.try_login(user, password, mech)
            self.assertFalse(res.ok, "%s login of %s with %r unexpectedly succeeded" % (mech, user, password))
            self.assertEqual(res.condition, "not-authorized", repr(res))

    def test_adduser_while_running_then_login(self):
        self.assertLoginRefused("erin", "erin-pw")
        r = self.server.ctl("adduser", "erin@localhost", "erin-pw")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertLoginOk("erin", "erin-pw")

    def test_passwd(self):
        self.server.ctl_ok("adduser", "frank@localhost", "old-pw")
        self.assertLoginOk("frank", "old-pw")
        r = self.server.ctl("passwd", "frank@localhost", "new-pw")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertLoginRefused("frank", "old-pw")
        self.assertLoginOk("frank", "new-pw")

    def test_deluser(self):
        self.server.ctl_ok("adduser", "gina@localhost", "gina-pw")
        self.assertLoginOk("gina", "gina-pw")
        r = self.server.ctl("deluser", "gina@localhost")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertLoginRefused("gina", "gina-pw")

    def test_adduser_twice_fails(self):
        self.server.ctl_ok("adduser", "hank@localhost", "hank-pw")
        r = self.server.ctl("adduser", "hank@localhost", "other-pw")
        self.assertEqual(r.returncode, 1, "second adduser: rc=%d %s" % (r.returncode, r.stderr))
        self.assertLoginOk("hank", "hank-pw")  # the first password still holds

    def test_passwd_unknown_user_fails(self):
        r = self.server.ctl("passwd", "nosuch@localhost", "pw")
        self.assertEqual(r.returncode, 1, r.stderr)

    def test_deluser_unknown_user_fails(self):
        r = self.server.ctl("deluser", "nosuch@localhost")
        self.assertEqual(r.returncode, 1, r.stderr)

    def test_adduser_unknown_vhost_fails(self):
        r = self.server.ctl("adduser", "ivan@unknown.example", "pw")
        self.assertNotEqual(r.returncode, 0, "adduser on a domain that is not a vhost succeeded")

    def test_usage_errors(self):
        for args in ([], ["adduser"], ["adduser", "x@localhost"], ["frobnicate", "x@localhost"],
                     ["deluser"], ["passwd", "x@localhost"]):
            r = self.server.ctl(*args)
            self.assertEqual(r.returncode, 2, "djabberctl %s: rc=%d" % (" ".join(args), r.returncode))

    def test_password_with_special_characters(self):
        pw = "p@ss w0rd,=\u00e9\u4e2d"
        self.server.ctl_ok("adduser", "jane@localhost", pw)
        self.assertLoginOk("jane", pw)

    def test_adduser_mixed_case_jid(self):
        # JIDs are case-insensitive in the localpart (RFC 7622 §3.3: UsernameCaseMapped).
        self.server.ctl_ok("adduser", "Kate@LocalHost", "kate-pw")
        res = self.try_login("kate", "kate-pw", "PLAIN")
        self.assertTrue(res.ok, repr(res))


class DjabberctlOfflineTest(unittest.TestCase):
    """djabberctl works while the server is not running."""

    def test_adduser_before_start(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        r = server.ctl("adduser", "olga@localhost", "olga-pw")
        self.assertEqual(r.returncode, 0, r.stderr)
        server.start()
        c = XmppClient(server.port)
        self.addCleanup(c.close)
        self.assertEqual(c.login("olga", "olga-pw", resource="r"), "olga@localhost/r")
        c.close()
        self.assertEqual(server.stop(), 0, server.log_tail())
        r = server.ctl("passwd", "olga@localhost", "olga-pw2")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = server.ctl("deluser", "olga@localhost")
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
