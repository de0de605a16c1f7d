"""[log] file = "syslog": nothing is written to standard error, the server runs normally."""

import os
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, djabberd_bin  # noqa: E402


class SyslogTest(unittest.TestCase):
    def test_syslog_destination(self):
        server = DjabberdServer()
        self.addCleanup(server.cleanup)
        with open(server.conf_path) as f:
            text = f.read().replace("[log]\n", '[log]\nfile = "syslog"\n')
        with open(server.conf_path, "w") as f:
            f.write(text)
        self.assertEqual(server.ctl("check-config", server.conf_path).stdout, "ok\n")
        # The harness reads the log from stderr; with syslog it stays empty, so run by hand.
        proc = subprocess.Popen([djabberd_bin(), "--conf=" + server.conf_path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, cwd=server.tmpdir)
        try:
            deadline = time.monotonic() + 20
            while server.ctl("status").returncode != 0 and time.monotonic() < deadline:
                time.sleep(0.2)
            self.assertEqual(server.ctl("status").returncode, 0, "server did not come up")
            self.assertEqual(server.ctl("reload").returncode, 0)
            proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(out, b"", "log lines went to stderr instead of syslog")


if __name__ == "__main__":
    unittest.main()
