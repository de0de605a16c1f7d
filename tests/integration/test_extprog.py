"""extprog: hooks answered by an external program (extprog_sample.py, JSON lines).

The vhost keeps its rosters in the sample program (a JSON file) and filters messages through
it. Real clients set roster items and get them back, a message with "forbidden-word" is
dropped while a normal one is delivered, the program killed with SIGKILL is restarted and
serves again, and a program stuck in a request times out while the client still gets an
answer.
"""

import json
import os
import shutil
import signal
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, xml_escape  # noqa: E402
from im_helpers import (GROUP, ImTestCase, is_message_body, is_message_id,  # noqa: E402
                        unique_name)

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extprog_sample.py")


class ExtprogTest(ImTestCase):

    @classmethod
    def setUpClass(cls):
        cls.work_dir = tempfile.mkdtemp(prefix="djabberd-extprog-")
        cls.data_file = os.path.join(cls.work_dir, "rosters.json")
        cls.pid_file = os.path.join(cls.work_dir, "sample.pid")
        cls.vhosts = [{"domain": DOMAIN, "plugins": [
            {"name": "auth_sqlite"},
            {"name": "extprog", "program": SAMPLE, "args": [cls.data_file, cls.pid_file],
             "hooks": ["roster.get", "roster.set_item", "roster.remove", "roster.wipe",
                       "c2s.filter", "c2s.route", "deliver"],
             "timeout_ms": 700, "restart_delay_ms": 200},
            {"name": "offline_sqlite"}]}]
        cls.addClassCleanup(shutil.rmtree, cls.work_dir, True)
        super().setUpClass()

    def stored(self, owner):
        with open(self.data_file) as f:
            return {i["jid"]: i for i in json.load(f).get(owner, [])}

    def sample_pid(self):
        with open(self.pid_file) as f:
            return int(f.read())

    def test_roster_set_and_get_through_the_program(self):
        (alice,) = self.fresh_users(1, "alice")
        a = self.session(alice)
        contact = "%s@%s" % (unique_name("c"), DOMAIN)
        r = a.roster_set(contact, name="Friend", groups=["Work", "Chess"])
        self.assertEqual(r.get("type"), "result")
        item = a.roster_item(contact)
        self.assertIsNotNone(item)
        self.assertEqual(item.get("name"), "Friend")
        self.assertEqual(sorted(g.text for g in item.findall(GROUP)),
                         ["Chess", "Work"])
        # The program stored it, and a new login (a new account actor after the old one retired
        # or the cached one) gets it back from the program.
        stored = self.stored(a.bare)[contact]
        self.assertEqual(stored["name"], "Friend")
        self.assertEqual(stored["groups"], ["Work", "Chess"])
        self.assertEqual(stored["subscription"], "none")
        self.assertIs(stored["in_roster"], True)
        b = self.session(alice)
        self.assertIn(contact, b.roster_items())

    def test_filtered_message_is_not_delivered(self):
        sender, receiver = self.fresh_users(2, "f")
        s = self.session(sender)
        r = self.session(receiver)
        s.c.send("<message to='%s' type='chat' id='bad'><body>this has a forbidden-word in it"
                 "</body></message>" % xml_escape(r.jid))
        s.c.send("<message to='%s' type='chat' id='good'><body>hello</body></message>"
                 % xml_escape(r.jid))
        # RFC 6120 §10.1: in-order processing, so once "good" is in, "bad" would be too.
        r.c.wait_for(is_message_id("good"), what="the normal message")
        self.assertEqual([e for e in r.c.queue if is_message_body("this has a forbidden-word in it")(e)], [])
        self.assertIsNotNone(self.server.wait_for_log(r"extprog_sample: c2s.filter: dropped"))

    def test_route_hook_consumes_and_answers(self):
        # c2s.route: the program answers chat messages to echo@DOMAIN itself; others pass on.
        sender, receiver = self.fresh_users(2, "r")
        s = self.session(sender)
        r = self.session(receiver)
        s.c.send("<message to='echo@%s' type='chat' id='bot'><body>stressed</body></message>"
                 % DOMAIN)
        answer = s.c.wait_for(is_message_body("desserts"), what="the program's answer")
        self.assertEqual(answer.get("from"), "echo@" + DOMAIN)
        s.c.send("<message to='%s' type='chat' id='plain'><body>hi</body></message>"
                 % xml_escape(r.jid))
        r.c.wait_for(is_message_id("plain"), what="a message the route hook declined")

    def test_deliver_hook_takes_stanzas_before_the_router(self):
        # deliver: messages to sink@DOMAIN (no such account) are stored by the program, not
        # bounced; other stanzas are delivered as usual.
        sender, receiver = self.fresh_users(2, "d")
        s = self.session(sender)
        r = self.session(receiver)
        s.c.send("<message to='sink@%s' type='chat' id='sunk'><body>into the sink</body>"
                 "</message>" % DOMAIN)
        s.c.send("<message to='%s' type='chat' id='after'><body>hi</body></message>"
                 % xml_escape(r.jid))
        r.c.wait_for(is_message_id("after"), what="a message the deliver hook declined")
        sink = self.data_file + ".sink"
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not os.path.exists(sink):
            time.sleep(0.05)
        with open(sink) as f:
            self.assertIn("into the sink", f.read())
        errors = [e for e in s.c.queue if e.get("id") == "sunk" and e.get("type") == "error"]
        self.assertEqual(errors, [])

    def test_killed_program_is_restarted_and_serves_again(self):
        (user,) = self.fresh_users(1, "k")
        a = self.session(user)
        old_pid = self.sample_pid()
        start = self.server.log_line_count()
        os.kill(old_pid, signal.SIGKILL)
        self.assertIsNotNone(self.server.wait_for_log(r"extprog.*killed by signal 9", start=start))
        self.assertIsNotNone(self.server.wait_for_log(r"extprog.*instance 0: started", start=start))
        deadline = time.monotonic() + 5
        while self.sample_pid() == old_pid and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertNotEqual(self.sample_pid(), old_pid)
        contact = "%s@%s" % (unique_name("c"), DOMAIN)
        r = a.roster_set(contact, name="After restart")
        self.assertEqual(r.get("type"), "result")
        self.assertEqual(self.stored(a.bare)[contact]["name"], "After restart")
        self.assertIn(contact, a.roster_items())

    def test_stuck_program_times_out_and_the_client_gets_an_answer(self):
        (user,) = self.fresh_users(1, "sleepy")
        start = self.server.log_line_count()
        t0 = time.monotonic()
        im = self.session(user, presence=False)  # the roster get waits for roster.get
        self.assertEqual(im.roster_items(), {})   # declined after timeout_ms: an empty roster
        self.assertLess(time.monotonic() - t0, 5)
        self.assertIsNotNone(self.server.wait_for_log(
            r"extprog.*roster.get request \d+: no reply within timeout_ms", start=start))
        self.assertIsNotNone(self.server.wait_for_log(r"extprog.*instance 0: started", start=start))
        # The restarted program serves others again.
        (other,) = self.fresh_users(1, "o")
        o = self.session(other)
        contact = "%s@%s" % (unique_name("c"), DOMAIN)
        self.assertEqual(o.roster_set(contact).get("type"), "result")
        self.assertIn(contact, o.roster_items())


if __name__ == "__main__":
    unittest.main()
