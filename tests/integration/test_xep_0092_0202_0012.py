"""The server's software version (XEP-0092), time (XEP-0202) and uptime as last activity
(XEP-0012): raw IQs to the server's domain, the plugins' settings, and slixmpp's clients."""

import datetime
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, ServerTestCase, q  # noqa: E402
from test_xep_disco import SlixmppMixin, error_condition, slixmpp  # noqa: E402

NS_VERSION = "jabber:iq:version"
NS_TIME = "urn:xmpp:time"
NS_LAST = "jabber:iq:last"


class ServerInfoTest(SlixmppMixin, ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [
        {"name": "auth_sqlite"},
        {"name": "version", "version": "9.9-test", "show_os": True},
        {"name": "time"},
        {"name": "last"},
    ]}]

    def test_version_with_os(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<query xmlns='%s'/>" % NS_VERSION, to="localhost")
        self.assertEqual(reply.get("type"), "result")
        query = reply.find(q(NS_VERSION, "query"))
        self.assertEqual(query.findtext(q(NS_VERSION, "name")), "djabberd")
        self.assertEqual(query.findtext(q(NS_VERSION, "version")), "9.9-test")
        self.assertEqual(query.findtext(q(NS_VERSION, "os")).split()[0], os.uname().sysname)

    def test_time_is_now_with_the_zone_offset(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<time xmlns='%s'/>" % NS_TIME, to="localhost")
        self.assertEqual(reply.get("type"), "result")
        t = reply.find(q(NS_TIME, "time"))
        self.assertRegex(t.findtext(q(NS_TIME, "tzo")), r"^[+-]\d\d:\d\d$")
        utc = t.findtext(q(NS_TIME, "utc"))
        self.assertRegex(utc, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        then = datetime.datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        skew = abs((datetime.datetime.now(datetime.timezone.utc) - then).total_seconds())
        self.assertLess(skew, 5)

    def test_last_is_the_uptime_and_grows(self):
        alice = self.logged_in("alice")

        def seconds():
            reply = alice.iq("get", "<query xmlns='%s'/>" % NS_LAST, to="localhost")
            self.assertEqual(reply.get("type"), "result")
            return int(reply.find(q(NS_LAST, "query")).get("seconds"))

        first = seconds()
        self.assertGreaterEqual(first, 0)
        self.assertLess(first, 120)
        time.sleep(1.2)
        self.assertGreater(seconds(), first)

    def test_only_the_server_is_answered(self):
        alice = self.logged_in("alice")
        # No 'to' is the account itself (RFC 6120 §10.3.3): none of these is answered for it.
        for payload in ("<query xmlns='%s'/>" % NS_VERSION, "<time xmlns='%s'/>" % NS_TIME,
                        "<query xmlns='%s'/>" % NS_LAST):
            self.assertEqual(error_condition(alice.iq("get", payload)), "service-unavailable")
        reply = alice.iq("set", "<query xmlns='%s'/>" % NS_VERSION, to="localhost")
        self.assertEqual(reply.get("type"), "error")

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
    def test_slixmpp_clients(self):
        async def scenario():
            alice = await self.slix("alice", ["xep_0092", "xep_0202", "xep_0012"])
            version = await alice["xep_0092"].get_version("localhost", timeout=10)
            self.assertEqual(version["software_version"]["name"], "djabberd")
            self.assertEqual(version["software_version"]["version"], "9.9-test")
            entity_time = await alice["xep_0202"].get_entity_time("localhost", timeout=10)
            # slixmpp 1.8.3's get_utc() appends a second 'Z' to the XEP-0082 value: read the XML.
            utc = entity_time.xml.find("{%s}time/{%s}utc" % (NS_TIME, NS_TIME)).text
            self.assertRegex(utc, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            last = await alice["xep_0012"].get_last_activity("localhost", timeout=10)
            self.assertGreaterEqual(last["last_activity"]["seconds"], 0)
        self.run_scenario(scenario())


class DefaultVersionTest(ServerTestCase):
    vhosts = [{"domain": "localhost", "plugins": [{"name": "auth_sqlite"}, {"name": "version"}]}]

    def test_project_version_and_no_os_by_default(self):
        alice = self.logged_in("alice")
        reply = alice.iq("get", "<query xmlns='%s'/>" % NS_VERSION, to="localhost")
        query = reply.find(q(NS_VERSION, "query"))
        self.assertRegex(query.findtext(q(NS_VERSION, "version")), r"^\d+\.\d+\.\d+")
        self.assertIsNone(query.find(q(NS_VERSION, "os")))
        # Not enabled here.
        reply = alice.iq("get", "<time xmlns='%s'/>" % NS_TIME, to="localhost")
        self.assertEqual(error_condition(reply), "service-unavailable")
        self.assertIsNotNone(reply.find(q(NS_CLIENT, "error")))


if __name__ == "__main__":
    unittest.main()
