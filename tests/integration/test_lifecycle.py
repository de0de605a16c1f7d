"""Daemon life cycle: configuration errors name file/line/key, one server per data directory,
--daemonize with pid file and log file, then a graceful stop by the pid from the pid file."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, XmppClient, djabberd_bin  # noqa: E402


def run_djabberd(*args, timeout=20):
    return subprocess.run([djabberd_bin(), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)


def wait_until(pred, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return False


def read(path):
    """The file's text, or "" while it does not exist yet (the daemon creates it)."""
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


@contextlib.contextmanager
def busy_port():
    """A loopback port held by a listening socket of this test while the block runs."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]
    finally:
        sock.close()


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


class LifecycleTest(unittest.TestCase):

    def server(self, **kw):
        s = DjabberdServer(**kw)
        self.addCleanup(s.cleanup)
        return s

    def test_config_error_names_file_line_and_key(self):
        s = self.server()
        with open(s.conf_path) as f:
            lines = f.read().splitlines()
        c2s_line = lines.index("[c2s]") + 1
        lines.insert(c2s_line, "lisen = [\"127.0.0.1:0\"]")
        with open(s.conf_path, "w") as f:
            f.write("\n".join(lines) + "\n")
        r = run_djabberd("--conf=" + s.conf_path)
        self.assertEqual(r.returncode, 1, r.stderr)
        expected = "%s:%d: c2s.lisen:" % (s.conf_path, c2s_line + 1)
        self.assertIn(expected, r.stderr)
        self.assertIn("did you mean 'listen'", r.stderr)

    def test_unknown_plugin_is_a_config_error(self):
        s = self.server(vhosts=[{"domain": "localhost", "plugins": [{"name": "auth_nope"}]}])
        r = run_djabberd("--conf=" + s.conf_path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(s.conf_path, r.stderr)
        self.assertIn("unknown plugin 'auth_nope'", r.stderr)
        self.assertIn("auth_sqlite", r.stderr)  # lists what exists

    def test_unknown_argument_is_a_usage_error(self):
        r = run_djabberd("--frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: djabberd", r.stderr)

    def test_second_server_on_the_same_data_dir_refuses(self):
        s = self.server().start()
        r = run_djabberd("--conf=" + s.conf_path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("already running on data directory", r.stderr)
        self.assertTrue(s.running(), "the first server must keep running")

    def test_c2s_port_in_use_is_a_start_up_error(self):
        with busy_port() as port:
            s = self.server(c2s={"listen": ["127.0.0.1:%d" % port]})
            r = run_djabberd("--conf=" + s.conf_path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot listen on 127.0.0.1:%d" % port, r.stderr)

    def test_s2s_port_in_use_is_a_start_up_error(self):
        with busy_port() as port:
            s = self.server(extra='[s2s]\nlisten = ["127.0.0.1:%d"]' % port)
            r = run_djabberd("--conf=" + s.conf_path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot listen on 127.0.0.1:%d" % port, r.stderr)

    def test_daemonize_pid_file_log_file_and_stop(self):
        s = self.server()
        log_path = os.path.join(s.tmpdir, "djabberd.log")
        pid_path = os.path.join(s.tmpdir, "run.pid")
        text = read(s.conf_path).replace("[log]\n", '[log]\nfile = "%s"\n' % log_path, 1)
        text = 'pid_file = "%s"\n' % pid_path + text
        with open(s.conf_path, "w") as f:
            f.write(text)
        r = run_djabberd("--conf=" + s.conf_path, "--daemonize")
        self.assertEqual(r.returncode, 0, r.stderr)  # the parent returns at once
        self.assertTrue(wait_until(lambda: read(pid_path).endswith("\n")), "no pid file")
        pid = int(read(pid_path).strip())
        self.addCleanup(lambda: pid_alive(pid) and os.kill(pid, signal.SIGKILL))
        self.assertTrue(wait_until(lambda: "djabberd ready" in read(log_path)),
                        "daemon did not log readiness to its log file")
        port = int(read(log_path).split("kind=starttls address=127.0.0.1:")[1].split()[0])
        c = XmppClient(port)
        self.addCleanup(c.close)
        feats = c.open_stream()
        self.assertIsNotNone(feats)
        os.kill(pid, signal.SIGTERM)
        self.assertTrue(wait_until(lambda: not pid_alive(pid)), "daemon still running")
        self.assertFalse(os.path.exists(pid_path), "pid file left behind")
        self.assertIn("stopped", read(log_path))


if __name__ == "__main__":
    unittest.main()
