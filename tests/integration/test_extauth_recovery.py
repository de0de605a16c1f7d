"""auth_extauth failure handling in the real daemon: a program that crashes or hangs on a
request refuses that login and is restarted; at shutdown the programs are stopped and reaped,
even one that ignores SIGTERM and the end of its input.
"""

import os
import re
import shutil
import signal
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, ServerTestCase, bare  # noqa: E402

# ejabberd style; "crash" exits, "hang" sleeps; alice/secret is the only account.
SCRIPT = r'''#!/usr/bin/python3
import os, signal, struct, sys, time
if len(sys.argv) > 1 and sys.argv[1] == "stubborn":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.stderr.write("extauth-test: ignoring SIGTERM\n")
    sys.stderr.flush()
while True:
    head = sys.stdin.buffer.read(2)
    if len(head) < 2:
        if len(sys.argv) > 1 and sys.argv[1] == "stubborn":
            while True:
                time.sleep(3600)
        sys.exit(0)
    (size,) = struct.unpack(">H", head)
    op, user, server, *rest = sys.stdin.buffer.read(size).decode().split(":", 3)
    if user == "crash":
        os._exit(7)
    if user == "hang":
        time.sleep(3600)
    ok = op == "auth" and user == "alice" and rest == ["secret"]
    sys.stdout.buffer.write(struct.pack(">HH", 2, 1 if ok else 0))
    sys.stdout.buffer.flush()
'''

_PID_RE = re.compile(r"auth_extauth\] instance \d+: started .* \(pid (\d+)\)")


def write_script(directory):
    path = os.path.join(directory, "extauth.py")
    with open(path, "w") as f:
        f.write(SCRIPT)
    os.chmod(path, 0o755)
    return path


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class ExtauthRecoveryTest(ServerTestCase):
    users = {}

    @classmethod
    def setUpClass(cls):
        cls.script_dir = tempfile.mkdtemp(prefix="djabberd-extauth-")
        cls.vhosts = [{"domain": "localhost", "plugins": [{
            "name": "auth_extauth", "program": write_script(cls.script_dir),
            "timeout_ms": 500, "restart_delay_ms": 100}]}]
        cls.addClassCleanup(shutil.rmtree, cls.script_dir, True)
        super().setUpClass()

    def refused(self, user):
        c, _ = self.tls_stream()
        res = c.auth_plain(user, "x")
        self.assertFalse(res.ok, res)
        self.assertEqual(res.condition, "not-authorized", res)

    def login_eventually(self):
        deadline = time.monotonic() + 10
        while True:
            c = self.client()
            try:
                return bare(c.login("alice", "secret", mech="PLAIN"))
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
            c.close()
            time.sleep(0.1)

    def test_crash_refuses_then_recovers(self):
        self.refused("crash")
        self.assertIsNotNone(self.server.wait_for_log(r"exited with status 7"))
        self.assertEqual(self.login_eventually(), "alice@localhost")

    def test_hang_refuses_after_timeout_then_recovers(self):
        begin = time.monotonic()
        self.refused("hang")
        self.assertLess(time.monotonic() - begin, 5)
        self.assertIsNotNone(
            self.server.wait_for_log(r"no reply within timeout_ms; killed by signal 9"))
        self.assertEqual(self.login_eventually(), "alice@localhost")


class ExtauthShutdownTest(unittest.TestCase):
    def test_programs_are_stopped_at_shutdown(self):
        script_dir = tempfile.mkdtemp(prefix="djabberd-extauth-")
        self.addCleanup(shutil.rmtree, script_dir, True)
        server = DjabberdServer(vhosts=[{"domain": "localhost", "plugins": [{
            "name": "auth_extauth", "program": write_script(script_dir), "args": ["stubborn"],
            "instances": 2}]}])
        self.addCleanup(server.cleanup)
        server.start()
        deadline = time.monotonic() + 10  # the two instances start in either order
        while len(_PID_RE.findall(server.log)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = [int(m) for m in _PID_RE.findall(server.log)]
        self.assertEqual(len(pids), 2, server.log_tail(50))
        for pid in pids:  # never leave a stubborn program behind, whatever happens
            self.addCleanup(lambda p=pid: alive(p) and os.kill(p, signal.SIGKILL))
        deadline = time.monotonic() + 10  # both programs ignore SIGTERM before the stop
        marker = "extauth-test: ignoring SIGTERM"
        while server.log.count(marker) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(server.log.count(marker), 2, server.log_tail(50))
        self.assertEqual(server.stop(), 0, server.log_tail(50))
        for pid in pids:
            self.assertFalse(alive(pid), "extauth program %d survived the shutdown" % pid)


if __name__ == "__main__":
    unittest.main()
