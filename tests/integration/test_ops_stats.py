"""djabberctl stats, status memory/per-vhost counts, and the Prometheus endpoint."""

import json
import os
import re
import sys
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DjabberdServer, ServerTestCase  # noqa: E402


def parse_kv(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


class StatsTest(ServerTestCase):
    users = {"alice": "alice-pw", "bob": "bob-pw"}

    def stats(self):
        return {k: int(v) for k, v in parse_kv(self.server.ctl_ok("stats").stdout).items()}

    def wait_stats(self, pred, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            s = self.stats()
            if pred(s) or time.monotonic() > deadline:
                return s
            time.sleep(0.1)

    def test_counters_follow_traffic(self):
        before = self.stats()
        a = self.logged_in("alice", resource="s")
        b = self.logged_in("bob", resource="s")
        bad = self.client()
        bad.open_stream()
        bad.starttls()
        self.assertFalse(bad.authenticate("alice", "wrong", mech="PLAIN").ok)
        for i in range(3):
            a.send_message(b.jid, "m%d" % i)
        for _ in range(3):
            b.wait_message()
        a.send("<presence/>")
        a.iq("get", "<ping xmlns='urn:xmpp:ping'/>", to="localhost")  # a result or an error
        after = self.wait_stats(lambda s: s["stanzas_out.message"] - before["stanzas_out.message"] >= 3)
        d = {k: after[k] - before[k] for k in after if k in before}
        self.assertEqual(d["connections_accepted"], 3, d)
        self.assertEqual(d["sessions_bound"], 2, d)
        self.assertEqual(d["auth_success"], 2, d)
        self.assertEqual(d["auth_failure"], 1, d)
        self.assertEqual(d["stanzas_in.message"], 3, d)
        self.assertEqual(d["stanzas_out.message"], 3, d)
        self.assertEqual(d["stanzas_in.presence"], 1, d)
        self.assertGreaterEqual(d["stanzas_in.iq"], 1, d)  # ping (+ the legacy session request)
        self.assertGreaterEqual(d["stanzas_out.iq"], 3, d)  # two bind results and the ping reply
        self.assertEqual(after["connections_open"],
                         after["connections_accepted"] - after["connections_closed"])
        bad.close()
        a.close()
        b.close()
        done = self.wait_stats(lambda s: s["connections_closed"] - before["connections_closed"] >= 3)
        self.assertEqual(done["connections_closed"] - before["connections_closed"], 3, done)
        doc = json.loads(self.server.ctl_ok("--json", "stats").stdout)
        self.assertIsInstance(doc["connections_accepted"], int)
        self.assertEqual(set(doc["stanzas_in"]), {"message", "presence", "iq"})
        self.assertEqual(set(doc["stanzas_out"]), {"message", "presence", "iq"})

    def test_status_has_memory_and_vhost_sessions(self):
        self.logged_in("alice", resource="st")
        st = parse_kv(self.server.ctl_ok("status").stdout)
        self.assertGreater(int(st["rss_kb"]), 1000)
        self.assertIn("vhost.localhost.sessions", st)


class MetricsEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DjabberdServer(extra='[metrics]\nlisten = "127.0.0.1:0"')
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        m = cls.server.wait_for_log(r"metrics listening address=127\.0\.0\.1:(\d+)")
        assert m is not None, cls.server.log_tail()
        cls.port = int(m.group(1))
        cls.server.adduser("alice@localhost", "alice-pw")

    def scrape(self):
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.port, timeout=5) as r:
            self.assertEqual(r.status, 200)
            self.assertTrue(r.headers["Content-Type"].startswith("text/plain; version=0.0.4"))
            return r.read().decode()

    def test_scrape(self):
        from harness import XmppClient
        c = XmppClient(self.server.port)
        self.addCleanup(c.close)
        c.login("alice", "alice-pw", resource="prom")
        text = self.scrape()
        values = {}
        for line in text.splitlines():
            if line.startswith("#"):
                self.assertRegex(line, r"^# (HELP|TYPE) \w+ ")
                continue
            m = re.match(r"^([a-z_]+(?:\{[^}]*\})?) (\d+)(\.\d+)?$", line)
            self.assertIsNotNone(m, "bad line %r" % line)
            values[m.group(1)] = float(m.group(2) + m.group(3)) if m.group(3) else int(m.group(2))
        self.assertGreaterEqual(values["djabberd_connections_accepted_total"], 1)
        self.assertGreaterEqual(values["djabberd_connections_open"], 1)
        self.assertEqual(values["djabberd_sessions"], 1)
        self.assertGreaterEqual(values['djabberd_auth_total{result="success"}'], 1)
        self.assertIn('djabberd_stanzas_in_total{kind="message"}', values)
        self.assertGreater(values["process_resident_memory_bytes"], 1 << 20)
        hook = 'djabberd_hook_calls_total{vhost="localhost",hook="auth.get_secret",plugin="auth_sqlite"}'
        self.assertGreaterEqual(values[hook], 1, text)
        busy = hook.replace("djabberd_hook_calls_total", "djabberd_hook_seconds_total")
        self.assertGreater(values[busy], 0.0, text)
        # The same numbers as djabberctl stats.
        stats = parse_kv(self.server.ctl_ok("stats").stdout)
        self.assertEqual(int(stats["auth_success"]), values['djabberd_auth_total{result="success"}'])

    def test_other_paths_404(self):
        with self.assertRaises(urllib.error.HTTPError) as cm:
            urllib.request.urlopen("http://127.0.0.1:%d/" % self.port, timeout=5)
        self.assertEqual(cm.exception.code, 404)
        cm.exception.close()


class PluginStatsEndpointTest(unittest.TestCase):
    """stats.collect answers reach the Prometheus endpoint as djabberd_plugin_stat."""

    def test_filter_pattern_counter_is_scraped(self):
        from harness import XmppClient
        server = DjabberdServer(extra='[metrics]\nlisten = "127.0.0.1:0"', vhosts=[
            {"domain": "localhost", "plugins": [{"name": "auth_sqlite"},
                                                {"name": "filter_pattern", "pattern": "zap"}]}])
        self.addCleanup(server.cleanup)
        server.start()
        m = server.wait_for_log(r"metrics listening address=127\.0\.0\.1:(\d+)")
        self.assertIsNotNone(m, server.log_tail())
        server.adduser("alice@localhost", "alice-pw")
        c = XmppClient(server.port)
        self.addCleanup(c.close)
        c.login("alice", "alice-pw", resource="prom")
        for _ in range(2):
            c.send_message(c.jid, "zap")
        c.iq("get", "<ping xmlns='urn:xmpp:ping'/>")  # both messages were filtered before this
        url = "http://127.0.0.1:%s/metrics" % m.group(1)
        with urllib.request.urlopen(url, timeout=5) as r:
            text = r.read().decode()
        self.assertIn('djabberd_plugin_stat{vhost="localhost",name="filter_pattern.dropped"} 2\n',
                      text)


if __name__ == "__main__":
    unittest.main()
