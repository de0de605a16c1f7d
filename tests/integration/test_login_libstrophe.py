"""A second third-party client library: libstrophe (Debian libstrophe-dev). The test compiles
strophe_client.c with `cc ... -lstrophe`, which logs in, sends a message to a raw client
and pings the server."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, ServerTestCase, q  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = "/usr/include/strophe.h"


class StropheTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not os.path.exists(HEADER) or cc is None:
            raise unittest.SkipTest("libstrophe test skipped: %s or a C compiler is missing "
                                    "(Debian package libstrophe-dev)" % HEADER)
        cls.build_dir = tempfile.mkdtemp(prefix="djabberd-strophe-")
        cls.binary = os.path.join(cls.build_dir, "strophe_client")
        r = subprocess.run([cc, "-O1", "-o", cls.binary, os.path.join(HERE, "strophe_client.c"),
                            "-lstrophe"], capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            shutil.rmtree(cls.build_dir, ignore_errors=True)
            raise AssertionError("compiling strophe_client.c failed:\n%s" % r.stderr)
        cls.addClassCleanup(shutil.rmtree, cls.build_dir, True)
        super().setUpClass()

    def run_strophe(self, user, resource, to, body, direct_tls):
        port = self.server.tls_port if direct_tls else self.server.port
        return subprocess.run([self.binary, "127.0.0.1", str(port), "%s@localhost/%s" % (user, resource),
                               self.users[user], to, body, "1" if direct_tls else "0"],
                              capture_output=True, text=True, timeout=45)

    def check_login_and_message(self, direct_tls):
        bob = self.logged_in("bob", resource="strophe-peer-%d" % direct_tls)
        body = "hello from libstrophe (direct_tls=%d)" % direct_tls
        r = self.run_strophe("alice", "strophe-%d" % direct_tls, bob.jid, body, direct_tls)
        self.assertEqual(r.returncode, 0, "strophe client failed\nstdout:\n%s\nstderr:\n%s"
                         % (r.stdout, r.stderr))
        bound = [line.split(" ", 1)[1] for line in r.stdout.splitlines() if line.startswith("BOUND ")]
        self.assertEqual(bound, ["alice@localhost/strophe-%d" % direct_tls], r.stdout)
        self.assertIn("SECURED 1", r.stdout)
        msg = bob.wait_message(lambda m: m.get("id") == "strophe-msg-1")
        self.assertEqual(msg.get("from"), bound[0])
        self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), body)

    def test_starttls_login_and_message(self):
        self.check_login_and_message(direct_tls=False)

    def test_direct_tls_login_and_message(self):
        self.check_login_and_message(direct_tls=True)

    def test_wrong_password_fails(self):
        r = subprocess.run([self.binary, "127.0.0.1", str(self.server.port), "alice@localhost/bad",
                            "wrong-password", "bob@localhost", "x", "0"],
                           capture_output=True, text=True, timeout=45)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertNotIn("BOUND", r.stdout)


if __name__ == "__main__":
    unittest.main()
