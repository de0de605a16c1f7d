"""djabberctl status / sessions / kick / hooks through the admin socket of a running server."""

import json
import os
import socket
import stat
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DjabberdServer, NS_STREAMS_ERR, ServerTestCase, bare,  # noqa: E402
                     djabberctl_bin, q)


def parse_status(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


class AdminTest(ServerTestCase):
    users = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "dave": "dave-pw"}

    def status(self):
        return parse_status(self.server.ctl_ok("status").stdout)

    def wait_status(self, n, timeout=5.0):
        """Polls status until there are `n` connections and `n` bound sessions (sessions of
        earlier tests end asynchronously)."""
        deadline = time.monotonic() + timeout
        while True:
            st = self.status()
            done = st.get("c2s_connections") == str(n) and st.get("bound_sessions") == str(n)
            if done or time.monotonic() > deadline:
                return st
            time.sleep(0.1)

    def session_lines(self, *args):
        r = self.server.ctl_ok("sessions", *args)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "JID\tPEER\tTLS\tCIPHER\tIDLE\tSM")
        return [line.split("\t") for line in lines[1:]]

    def test_status_counts(self):
        a = self.logged_in("alice", resource="st")
        b = self.logged_in("bob", resource="st", direct_tls=True)
        st = self.wait_status(2)
        self.assertEqual(st["bound_sessions"], "2", st)
        self.assertEqual(st["c2s_connections"], "2", st)
        self.assertEqual(st["vhost.localhost.sessions"], "2", st)
        self.assertEqual(st["pid"], str(self.server.proc.pid))
        self.assertEqual(st["version"], "0.1.0")
        self.assertGreater(int(st["rss_kb"]), 1000)
        self.assertGreaterEqual(int(st["uptime_seconds"]), 0)
        doc = json.loads(self.server.ctl_ok("--json", "status").stdout)
        self.assertEqual(doc["bound_sessions"], 2)
        self.assertEqual(doc["pid"], self.server.proc.pid)
        self.assertEqual(doc["vhosts"], {"localhost": {"sessions": 2}})
        a.close()
        b.close()
        st = self.wait_status(0)
        self.assertEqual(st["c2s_connections"], "0", st)
        self.assertEqual(st["bound_sessions"], "0", st)
        self.assertEqual(st["vhost.localhost.sessions"], "0", st)

    def test_sessions_lists_both(self):
        a = self.logged_in("alice", resource="ls")
        b = self.logged_in("bob", resource="ls")
        rows = {r[0]: r for r in self.session_lines()}
        for c in (a, b):
            self.assertIn(c.jid, rows)
            row = rows[c.jid]
            self.assertEqual(row[1].rsplit(":", 1)[0], "127.0.0.1", row)
            self.assertEqual(int(row[1].rsplit(":", 1)[1]), c.sock.getsockname()[1], row)
            self.assertEqual(row[2], c.tls_version, row)
            self.assertEqual(row[3], c.sock.cipher()[0], row)
            self.assertGreaterEqual(int(row[4]), 0)
            self.assertEqual(row[5], "off", row)  # no XEP-0198 <enable/>
        only = self.session_lines(a.jid)
        self.assertEqual([r[0] for r in only], [a.jid])
        self.assertEqual([r[0] for r in self.session_lines(bare(b.jid))], [b.jid])
        doc = json.loads(self.server.ctl_ok("sessions", "--json", a.jid).stdout)
        self.assertEqual(len(doc), 1)
        self.assertEqual(doc[0]["jid"], a.jid)
        self.assertEqual(doc[0]["tls_version"], a.tls_version)
        self.assertIsInstance(doc[0]["idle_seconds"], int)
        self.assertEqual(doc[0]["stream_management"], "off")
        r = self.server.ctl("sessions", "nobody@localhost")
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("no session of nobody@localhost", r.stderr)

    def test_kick(self):
        c = self.logged_in("carol", resource="k")
        other = self.logged_in("dave", resource="k")
        r = self.server.ctl("kick", c.jid, "go away now")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("kicked 1 session", r.stdout)
        cond, elem = c.wait_stream_error()
        self.assertEqual(cond, "policy-violation")
        self.assertEqual(elem.findtext(q(NS_STREAMS_ERR, "text")), "go away now")
        stream_ended, eof = c.wait_closed()
        self.assertTrue(eof)
        deadline = time.monotonic() + 5
        while self.server.ctl("sessions", c.jid).returncode == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(self.server.ctl("sessions", c.jid).returncode, 1)
        self.assertEqual([r[0] for r in self.session_lines(other.jid)], [other.jid])
        r = self.server.ctl("kick", c.jid)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("no session of " + c.jid, r.stderr)
        r = self.server.ctl("--json", "kick", other.jid)
        self.assertEqual(json.loads(r.stdout), {"kicked": 1})
        self.assertEqual(other.wait_stream_error()[0], "policy-violation")

    def test_hooks_counters(self):
        def sqlite_secret(doc):
            chain = doc["localhost"]["auth.get_secret"]
            return [h for h in chain if h["plugin"] == "auth_sqlite"][0]

        before = sqlite_secret(json.loads(self.server.ctl_ok("hooks", "--json").stdout))
        self.logged_in("alice", resource="h")
        self.logged_in("bob", resource="h")
        after = sqlite_secret(json.loads(self.server.ctl_ok("hooks", "--json").stdout))
        self.assertGreaterEqual(after["calls"] - before["calls"], 2, (before, after))
        self.assertGreaterEqual(after["handled"] - before["handled"], 2, (before, after))
        for key in ("priority", "declined", "failed", "time_us"):
            self.assertIsInstance(after[key], int)
        self.assertGreater(after["time_us"], before["time_us"], (before, after))
        text = self.server.ctl_ok("hooks").stdout
        self.assertIn("vhost localhost", text)
        self.assertIn("  auth.get_secret\n", text)
        self.assertRegex(text, r"\d+\. auth_sqlite  priority=-?\d+ calls=\d+ handled=\d+ "
                               r"declined=\d+ failed=\d+ time_ms=\d+")

    def test_socket_mode_0600(self):
        st = os.stat(os.path.join(self.server.data_dir, "admin.sock"))
        self.assertTrue(stat.S_ISSOCK(st.st_mode))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)

    def test_usage_errors_exit_2(self):
        for args in (["status", "extra"], ["kick"], ["sessions", "a@b", "c"], ["adduser", "--json", "x@localhost", "pw"]):
            r = self.server.ctl(*args)
            self.assertEqual(r.returncode, 2, (args, r))
        for cmd in ("status", "sessions", "kick", "hooks"):
            r = self.server.ctl(cmd, "--help")
            self.assertEqual(r.returncode, 0, r)
            self.assertIn("--json", r.stdout)

    def test_bad_jid(self):
        r = self.server.ctl("kick", "@@bad")
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("is not a JID", r.stderr)


class AdminNotRunningTest(unittest.TestCase):
    def test_not_running_and_socket_removed(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        path = os.path.join(server.data_dir, "admin.sock")
        for cmd in ("status", "hooks"):
            r = server.ctl(cmd)
            self.assertEqual(r.returncode, 1, r)
            self.assertEqual(r.stderr, "djabberctl: djabberd is not running (no admin socket at %s)\n"
                             % path)
        # A stale socket file left by a crash is replaced at start and removed at shutdown.
        open(path, "w").close()
        server.start()
        self.assertEqual(server.ctl("status").returncode, 0)
        self.assertEqual(server.stop(), 0)
        self.assertFalse(os.path.exists(path))
        r = server.ctl("--json", "status")
        self.assertEqual(r.returncode, 1)
        self.assertIn("djabberd is not running", r.stderr)


class AdminTcpTest(unittest.TestCase):
    """The optional TCP admin listener ([admin] listen + secret): djabberctl --tcp, a raw client
    with the right and a wrong secret, and a non-loopback address refused at load."""

    SECRET = "tcp-admin-secret-0123456789"

    @classmethod
    def setUpClass(cls):
        cls.server = DjabberdServer(
            extra='[admin]\nlisten = "127.0.0.1:0"\nsecret = "%s"\n' % cls.SECRET)
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        m = cls.server.wait_for_log(r"admin listening address=127\.0\.0\.1:(\d+)")
        assert m is not None, cls.server.log_tail(50)
        cls.port = int(m.group(1))
        # djabberctl --tcp reads the address from the configuration: write the bound port there.
        with open(cls.server.conf_path) as f:
            text = f.read()
        with open(cls.server.conf_path, "w") as f:
            f.write(text.replace('listen = "127.0.0.1:0"', 'listen = "127.0.0.1:%d"' % cls.port))

    def ask(self, *lines):
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall("".join(line + "\n" for line in lines).encode())
            data = b""
            while not (data == b".\n" or data.endswith(b"\n.\n")):
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        return data.decode()

    def test_djabberctl_over_tcp(self):
        st = parse_status(self.server.ctl_ok("--tcp", "status").stdout)
        self.assertIn("uptime_seconds", st)
        doc = json.loads(self.server.ctl_ok("--tcp", "--json", "hooks").stdout)
        self.assertIn("localhost", doc)

    def test_secret_required(self):
        reply = self.ask("auth " + self.SECRET, "status")
        self.assertTrue(reply.startswith("ok\n"), reply)
        self.assertIn("bound_sessions=", reply)
        reply = self.ask("auth wrong-secret-0123456789", "status")
        self.assertEqual(reply, "error not authorized\n.\n")
        reply = self.ask("status")
        self.assertEqual(reply, "error not authorized\n.\n")
        self.assertIsNotNone(self.server.wait_for_log(r"TCP admin client refused: wrong secret"))

    def test_non_loopback_address_refused(self):
        r = subprocess.run([djabberctl_bin(), "check-config", self.bad_config()],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("admin.listen: the admin listener must be on a loopback address", r.stderr)

    def bad_config(self):
        path = os.path.join(self.server.tmpdir, "bad-admin.toml")
        with open(self.server.conf_path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('listen = "127.0.0.1:%d"' % self.port, 'listen = "0.0.0.0:5582"'))
        return path


if __name__ == "__main__":
    unittest.main()
