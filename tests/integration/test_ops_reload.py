"""djabberctl reload and SIGHUP: valid files are applied (TLS, log), bad ones refused."""

import hashlib
import json
import os
import shutil
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, XmppClient, make_config  # noqa: E402
from test_ops_ctl import make_cert  # noqa: E402


def read_text(path):
    with open(path) as f:
        return f.read()


def fingerprint(der):
    return ":".join("%02X" % b for b in hashlib.sha256(der).digest())


class ReloadTest(unittest.TestCase):
    def setUp(self):
        self.server = DjabberdServer()
        self.addCleanup(self.server.cleanup)
        tmp = self.server.tmpdir
        self.cert, self.key = os.path.join(tmp, "live.crt"), os.path.join(tmp, "live.key")
        first = make_cert(tmp, "first")
        shutil.copy(first[0], self.cert)
        shutil.copy(first[1], self.key)
        self.write_config()
        self.server.start()
        self.server.adduser("alice@localhost", "alice-pw")

    def write_config(self, log_level="debug", c2s=None, extra="", raw=None):
        text = raw if raw is not None else make_config(
            self.server.data_dir, c2s=c2s, log_level=log_level, extra=extra,
            vhosts=[{"domain": "localhost", "tls_cert": self.cert, "tls_key": self.key}])
        with open(self.server.conf_path, "w") as f:
            f.write(text)
        return text

    def served_fingerprint(self):
        c = XmppClient(self.server.tls_port, direct_tls=True)
        fp = fingerprint(c.peer_cert_der)
        c.close()
        return fp

    def renew_certificate(self):
        new_cert, new_key = make_cert(self.server.tmpdir, "second")
        shutil.copy(new_cert, self.cert)
        shutil.copy(new_key, self.key)
        with open(new_cert) as f:
            import ssl
            return fingerprint(ssl.PEM_cert_to_DER_cert(f.read()))

    def test_reload_applies_tls_and_log_level(self):
        old = self.served_fingerprint()
        kept = XmppClient(self.server.port)  # an existing connection survives the reload
        self.addCleanup(kept.close)
        kept.login("alice", "alice-pw", resource="kept")
        new = self.renew_certificate()
        self.assertNotEqual(old, new)
        self.write_config(log_level="info")
        r = self.server.ctl("reload")
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("configuration reloaded\n", r.stdout)
        self.assertIn("applied: tls localhost (fingerprint %s" % new, r.stdout)
        self.assertIn("applied: log.level (debug -> info)", r.stdout)
        self.assertNotIn("restart needed", r.stdout)
        self.assertEqual(self.served_fingerprint(), new)
        self.assertEqual(kept.iq("get", "<ping xmlns='urn:xmpp:ping'/>",
                                 to="localhost").tag.endswith("iq"), True)
        self.assertIsNotNone(self.server.wait_for_log(r"configuration reloaded \(djabberctl\)"))
        # A full login works with the new certificate (channel binding uses it).
        c = XmppClient(self.server.port)
        self.addCleanup(c.close)
        self.assertEqual(c.login("alice", "alice-pw", mech="SCRAM-SHA-256-PLUS", resource="new"),
                         "alice@localhost/new")

    def test_component_log_levels(self):
        text = self.write_config(log_level="info")
        self.write_config(raw=text.replace('level = "info"\n',
                                           'level = "info"\ncomponents = { c2s = "debug" }\n', 1))
        r = self.server.ctl("reload")
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("applied: log.components", r.stdout)
        start = self.server.log_line_count()
        c = XmppClient(self.server.port)
        self.addCleanup(c.close)
        c.login("alice", "alice-pw", resource="levels")
        self.server.ctl_ok("status")
        # c2s logs at debug now; the admin socket (global level info) does not.
        self.assertIsNotNone(self.server.wait_for_log(r"DEBUG \[c2s\] #\d+ connection from",
                                                      start=start))
        self.assertIsNone(self.server.wait_for_log(r"DEBUG \[admin\] request: status",
                                                   start=start, timeout=0.5))
        # Without the component level, c2s is back to info.
        self.write_config(log_level="info")
        self.assertIn("applied: log.components", self.server.ctl_ok("reload").stdout)
        start = self.server.log_line_count()
        c2 = XmppClient(self.server.port)
        self.addCleanup(c2.close)
        c2.login("alice", "alice-pw", resource="levels2")
        self.assertIsNone(self.server.wait_for_log(r"DEBUG \[c2s\]", start=start, timeout=0.5))

    def test_reload_reports_what_needs_a_restart(self):
        self.write_config(c2s={"max_stanza_size": 100000},
                          extra='[metrics]\nlisten = "127.0.0.1:0"')
        r = self.server.ctl("--json", "reload")
        self.assertEqual(r.returncode, 0, r)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["restart_needed"], ["c2s.max_stanza_size", "metrics.listen"])
        self.assertTrue(any(a.startswith("tls localhost") for a in doc["applied"]), doc)
        text = self.server.ctl_ok("reload").stdout
        self.assertIn("restart needed for: c2s.max_stanza_size, metrics.listen\n", text)
        self.assertIsNotNone(self.server.wait_for_log(r"WARN .*restart needed for: "))

    def test_invalid_config_is_refused(self):
        good = read_text(self.server.conf_path)
        bad = good.replace("[c2s]\n", "[c2s]\nmax_stanza_size = \"big\"\n")
        line = bad.splitlines().index('max_stanza_size = "big"') + 1
        self.write_config(raw=bad)
        r = self.server.ctl("reload")
        self.assertEqual(r.returncode, 1, r)
        self.assertTrue(r.stderr.startswith("djabberctl: %s:%d: c2s.max_stanza_size: "
                                            % (self.server.conf_path, line)), r.stderr)
        self.assertIsNotNone(self.server.wait_for_log(
            r"ERROR .*reload \(djabberctl\) refused.*%s:%d: c2s.max_stanza_size"
            % (os.path.basename(self.server.conf_path), line)))
        # A certificate that does not load refuses the whole reload too.
        self.write_config(raw=good.replace(self.key, self.key + ".missing"))
        r = self.server.ctl("reload")
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("vhosts[0].tls_cert", r.stderr)
        self.assertTrue(self.server.running())
        self.assertEqual(self.server.ctl("status").returncode, 0)
        c = XmppClient(self.server.port)
        self.addCleanup(c.close)
        self.assertEqual(c.login("alice", "alice-pw", resource="after"), "alice@localhost/after")

    def test_sighup_reloads_and_survives_errors(self):
        new = self.renew_certificate()
        start = self.server.log_line_count()
        self.server.signal(signal.SIGHUP)
        self.assertIsNotNone(self.server.wait_for_log(r"configuration reloaded \(SIGHUP\)",
                                                      start=start), self.server.log_tail())
        self.assertEqual(self.served_fingerprint(), new)
        self.write_config(raw="this is not toml =\n")
        start = self.server.log_line_count()
        self.server.signal(signal.SIGHUP)
        self.assertIsNotNone(self.server.wait_for_log(r"ERROR .*reload \(SIGHUP\) refused",
                                                      start=start), self.server.log_tail())
        time.sleep(0.2)
        self.assertTrue(self.server.running())
        self.assertEqual(self.served_fingerprint(), new)


class SighupReopensLogTest(unittest.TestCase):
    """SIGHUP reopens the log file as before (log rotation), also after a refused reload."""

    def test_reopen_after_rotation(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        log_path = os.path.join(server.tmpdir, "djabberd.log")
        text = read_text(server.conf_path).replace('[log]\n', '[log]\nfile = "%s"\n' % log_path)
        with open(server.conf_path, "w") as f:
            f.write(text)
        # The harness reads the ports from the log on stderr, so start with stderr and switch
        # to the file with a reload.
        plain = read_text(server.conf_path).replace('file = "%s"\n' % log_path, "")
        with open(server.conf_path, "w") as f:
            f.write(plain)
        server.start()
        with open(server.conf_path, "w") as f:
            f.write(text)
        r = server.ctl("reload")
        self.assertEqual(r.returncode, 0, r)
        self.assertIn("log.file (stderr -> %s)" % log_path, r.stdout)
        os.rename(log_path, log_path + ".1")
        with open(server.conf_path, "w") as f:
            f.write(text.replace("[c2s]\n", "[c2s]\nbogus = 1\n"))  # refused, log still reopened
        server.signal(signal.SIGHUP)
        deadline = time.monotonic() + 5
        while not os.path.exists(log_path) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertTrue(os.path.exists(log_path), "SIGHUP did not reopen the log file")
        server.signal(signal.SIGUSR1)
        time.sleep(0.3)
        content = read_text(log_path)
        self.assertIn("log file reopened (signal %d)" % signal.SIGUSR1, content)
        self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()
