"""djabberctl users / check-config / cert-check (offline and online) and message."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DjabberdServer, NS_CLIENT, ServerTestCase, bare, djabberctl_bin,  # noqa: E402
                     make_config, q)


def read_text(path):
    with open(path) as f:
        return f.read()


def make_cert(directory, name, cn="localhost", days=30):
    """A self-signed P-256 certificate for `cn` made with the openssl CLI; returns (cert, key)."""
    cert = os.path.join(directory, name + ".crt")
    key = os.path.join(directory, name + ".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days",
                    str(days), "-subj", "/CN=" + cn, "-addext", "subjectAltName=DNS:" + cn],
                   check=True, capture_output=True)
    return cert, key


def ctl(*args, cwd=None):
    return subprocess.run([djabberctl_bin()] + list(args), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30, cwd=cwd)


class OfflineOpsTest(unittest.TestCase):
    """The commands that only read files, with no server running."""

    def setUp(self):
        self.server = DjabberdServer()
        self.addCleanup(self.server.cleanup)

    def test_users_offline(self):
        s = self.server
        r = s.ctl("users")
        self.assertEqual((r.returncode, r.stdout), (0, ""), r)
        self.assertFalse(os.path.exists(os.path.join(s.data_dir, "djabberd.sqlite")),
                         "users created the store")
        s.ctl_ok("adduser", "bob@localhost", "pw")
        s.ctl_ok("adduser", "alice@localhost", "pw")
        self.assertEqual(s.ctl_ok("users").stdout, "alice@localhost\nbob@localhost\n")
        self.assertEqual(s.ctl_ok("users", "LocalHost").stdout, "alice@localhost\nbob@localhost\n")
        self.assertEqual(json.loads(s.ctl_ok("--json", "users").stdout),
                         ["alice@localhost", "bob@localhost"])
        r = s.ctl("users", "elsewhere.example")
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("not a vhost", r.stderr)
        self.assertEqual(s.ctl("users", "a", "b").returncode, 2)

    def test_check_config(self):
        r = ctl("check-config", self.server.conf_path)
        self.assertEqual((r.returncode, r.stdout), (0, "ok\n"), r)
        self.assertEqual(json.loads(ctl("check-config", "--json", self.server.conf_path).stdout),
                         {"ok": True})
        bad = os.path.join(self.server.tmpdir, "bad.toml")
        text = read_text(self.server.conf_path).replace("[c2s]\n", "[c2s]\nlisen = 1\n")
        with open(bad, "w") as f:
            f.write(text)
        line = text.splitlines().index("lisen = 1") + 1
        r = ctl("check-config", bad)
        self.assertEqual(r.returncode, 1, r)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith("%s:%d: c2s.lisen: " % (bad, line)), r.stderr)
        doc = json.loads(ctl("check-config", "--json", bad).stdout)
        self.assertFalse(doc["ok"])
        self.assertIn("c2s.lisen", doc["error"])
        with open(bad, "w") as f:
            f.write(text.replace("lisen = 1\n", "").replace("[log]\n",
                                                          '[metrics]\nlisten = "nowhere"\n[log]\n'))
        r = ctl("check-config", bad)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn(": metrics.listen: ", r.stderr)
        r = ctl("check-config", os.path.join(self.server.tmpdir, "missing.toml"))
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("cannot read file", r.stderr)
        self.assertEqual(ctl("check-config").returncode, 2)
        self.assertEqual(ctl("check-config", "--help").returncode, 0)

    def test_check_config_bad_tls_files(self):
        cert, key = make_cert(self.server.tmpdir, "a")
        other_cert, _ = make_cert(self.server.tmpdir, "b")
        path = os.path.join(self.server.tmpdir, "tls.toml")
        with open(path, "w") as f:
            f.write(make_config(self.server.data_dir, vhosts=[
                {"domain": "localhost", "tls_cert": other_cert, "tls_key": key}]))
        r = ctl("check-config", path)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("vhosts[0].tls_cert", r.stderr)
        self.assertIn("does not match", r.stderr)
        with open(path, "w") as f:
            f.write(make_config(self.server.data_dir, vhosts=[
                {"domain": "localhost", "tls_cert": cert, "tls_key": key}]))
        self.assertEqual(ctl("check-config", path).returncode, 0)

    def test_cert_check_offline(self):
        s = self.server
        r = s.ctl("cert-check")
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("not generated yet", r.stdout)
        doc = json.loads(s.ctl_ok("cert-check", "--json").stdout)
        self.assertEqual(doc[0]["vhost"], "localhost")
        self.assertTrue(doc[0]["generated"])
        self.assertFalse(doc[0]["exists"])

    def test_cert_check_configured_certificates(self):
        cert, key = make_cert(self.server.tmpdir, "good", "example.org", days=10)
        wrong, wrong_key = make_cert(self.server.tmpdir, "wrong", "other.example", days=100)
        with open(self.server.conf_path, "w") as f:
            f.write(make_config(self.server.data_dir, vhosts=[
                {"domain": "example.org", "tls_cert": cert, "tls_key": key},
                {"domain": "example.net", "tls_cert": wrong, "tls_key": wrong_key}]))
        r = self.server.ctl("cert-check")
        self.assertEqual(r.returncode, 1, r)  # example.net's certificate does not name it
        self.assertIn("vhost example.org\n  certificate: %s\n" % cert, r.stdout)
        self.assertIn("DNS names: example.org", r.stdout)
        self.assertIn("warning: expires in less than 14 days", r.stdout)
        self.assertIn("problem: does not name example.net", r.stdout)
        doc = {d["vhost"]: d for d in json.loads(self.server.ctl("--json", "cert-check").stdout)}
        self.assertEqual(doc["example.org"]["dns_names"], ["example.org"])
        self.assertIn(doc["example.org"]["days_left"], (9, 10))
        self.assertTrue(doc["example.org"]["self_signed"])
        self.assertEqual(doc["example.org"]["problems"], [])
        self.assertEqual(doc["example.net"]["problems"], ["does not name example.net"])


class OnlineOpsTest(ServerTestCase):
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def test_users_online(self):
        self.assertEqual(self.server.ctl_ok("users").stdout, "alice@localhost\nbob@localhost\n")

    def test_cert_check_online_self_signed(self):
        r = self.server.ctl_ok("cert-check")
        path = os.path.join(self.server.data_dir, "certs", "localhost.crt")
        self.assertIn("certificate: %s (generated self-signed)" % path, r.stdout)
        self.assertIn("subject: CN=localhost", r.stdout)
        self.assertRegex(r.stdout, r"expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+ days\), "
                                   r"self-signed")

    def test_message_to_full_and_bare_jid(self):
        c = self.logged_in("alice", resource="m1")
        r = self.server.ctl("message", c.jid, "hello <there> & \"you\"\nsecond line")
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(r.stdout, "sent a message to %s\n" % c.jid)
        m = c.wait_message()
        self.assertEqual(m.get("from"), "localhost")
        self.assertEqual(m.get("to"), c.jid)
        self.assertEqual(m.get("type"), "normal")
        self.assertEqual(m.findtext(q(NS_CLIENT, "body")), "hello <there> & \"you\"\nsecond line")
        # A bare JID goes to the account's available resource.
        c.send("<presence/>")
        c.poll(0.5)
        r = self.server.ctl("--json", "--type=headline", "message", bare(c.jid), "back\\slash")
        self.assertEqual(json.loads(r.stdout), {"sent": bare(c.jid)}, r)
        m = c.wait_message(lambda e: e.get("type") == "headline")
        self.assertEqual(m.findtext(q(NS_CLIENT, "body")), "back\\slash")

    def test_message_errors(self):
        for args, rc, text in ((["message", "localhost", "x"], 1, "not a user's JID"),
                               (["message", "a@elsewhere.example", "x"], 1, "not a vhost"),
                               (["message", "@@", "x"], 1, "not a user's JID"),
                               (["message", "a@localhost"], 2, ""),
                               (["--type=chat", "message", "a@localhost", "x"], 2, "")):
            r = self.server.ctl(*args)
            self.assertEqual(r.returncode, rc, (args, r))
            self.assertIn(text, r.stderr)

    def test_help_and_usage(self):
        for cmd in ("users", "check-config", "cert-check", "message", "stats", "reload"):
            r = self.server.ctl(cmd, "--help")
            self.assertEqual(r.returncode, 0, r)
            self.assertIn("--json", r.stdout)
            self.assertIn("Usage: djabberctl", r.stdout)
        self.assertIn("--type=", self.server.ctl("message", "--help").stdout)
        general = self.server.ctl("--help").stdout
        for cmd in ("users", "check-config", "cert-check", "message", "stats", "reload"):
            self.assertIn(cmd, general)
        for args in (["stats", "x"], ["reload", "x"], ["cert-check", "x"]):
            self.assertEqual(self.server.ctl(*args).returncode, 2, args)


class MessageNotRunningTest(unittest.TestCase):
    def test_online_commands_need_the_server(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        for args in (["message", "a@localhost", "hi"], ["stats"], ["reload"]):
            r = server.ctl(*args)
            self.assertEqual(r.returncode, 1, r)
            self.assertIn("djabberd is not running", r.stderr)


if __name__ == "__main__":
    unittest.main()
