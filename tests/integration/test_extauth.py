"""auth_extauth: logins checked by an ejabberd-style extauth program (extauth_sample.py).

The daemon runs the sample script with a users file; clients log in with PLAIN over
STARTTLS (extauth cannot provide SCRAM keys), with the harness's raw client and with
slixmpp. Wrong passwords and unknown users are refused with not-authorized.
"""

import asyncio
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_SASL, ServerTestCase, bare, q  # noqa: E402

try:
    import slixmpp  # noqa: F401
    from test_login_slixmpp import make_client
except ImportError:  # pragma: no cover
    slixmpp = None

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extauth_sample.py")
ACCOUNTS = {"alice": "alice-pw", "colon": "p:a:ss:", "bob": "bob pw"}


class ExtauthLoginTest(ServerTestCase):
    users = {}  # no djabberctl accounts: every login goes through the extauth program

    @classmethod
    def setUpClass(cls):
        cls.accounts_dir = tempfile.mkdtemp(prefix="djabberd-extauth-")
        users_file = os.path.join(cls.accounts_dir, "users.json")
        with open(users_file, "w") as f:
            json.dump({"%s@localhost" % u: pw for u, pw in ACCOUNTS.items()}, f)
        cls.vhosts = [{"domain": "localhost", "plugins": [{
            "name": "auth_extauth", "program": SAMPLE, "args": [users_file],
            "timeout_ms": 1500, "instances": 2, "restart_delay_ms": 200}]}]
        cls.addClassCleanup(shutil.rmtree, cls.accounts_dir, True)
        super().setUpClass()

    def plain_login(self, user, password):
        c = self.client()
        return c, c.login(user, password, mech="PLAIN")

    def test_plain_login_over_starttls(self):
        c, jid = self.plain_login("alice", ACCOUNTS["alice"])
        self.assertEqual(bare(jid), "alice@localhost")
        self.assertIsNotNone(
            self.server.wait_for_log(r"extauth_sample: auth alice@localhost: accepted"))

    def test_only_plain_is_offered(self):
        # extauth can check passwords but has no SCRAM keys: SCRAM must not be offered, or
        # clients that prefer it would fail instead of using PLAIN.
        c = self.client()
        c.open_stream()
        features = c.starttls()
        mechanisms = [m.text for m in features.iter(q(NS_SASL, "mechanism"))]
        self.assertEqual(mechanisms, ["PLAIN"])

    def test_password_with_colons_and_spaces(self):
        for user in ("colon", "bob"):
            c, jid = self.plain_login(user, ACCOUNTS[user])
            self.assertEqual(bare(jid), "%s@localhost" % user)

    def test_wrong_password_is_not_authorized(self):
        c, _ = self.tls_stream()
        res = c.auth_plain("alice", "not-the-password")
        self.assertFalse(res.ok, res)
        self.assertEqual(res.condition, "not-authorized", res)
        # The stream stays usable: the right password works afterwards.
        self.assertTrue(c.auth_plain("alice", ACCOUNTS["alice"]).ok)

    def test_unknown_user_is_not_authorized(self):
        c, _ = self.tls_stream()
        res = c.auth_plain("mallory", "whatever")
        self.assertFalse(res.ok, res)
        self.assertEqual(res.condition, "not-authorized", res)

    def test_many_logins_over_both_instances(self):
        for _ in range(4):
            c, jid = self.plain_login("alice", ACCOUNTS["alice"])
            self.assertEqual(bare(jid), "alice@localhost")
            c.close()
        self.assertEqual(len(set(
            line.split("pid ")[1].split(")")[0] for line in self.server.log.splitlines()
            if "auth_extauth" in line and "started" in line)), 2)

    @unittest.skipIf(slixmpp is None, "slixmpp is not installed for this interpreter "
                     "(run with /usr/bin/python3; Debian package python3-slixmpp)")
    def test_slixmpp_plain_over_starttls(self):
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        xmpp = make_client("alice@localhost/extauth", ACCOUNTS["alice"], "PLAIN")

        async def scenario():
            xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
            used = await asyncio.wait_for(xmpp.auth_result, 15)
            await asyncio.wait_for(xmpp.session_started, 15)
            await xmpp["xep_0199"].ping("localhost", timeout=10)
            return used

        try:
            used = loop.run_until_complete(asyncio.wait_for(scenario(), 40))
            self.assertEqual(used, "PLAIN")
            self.assertEqual(xmpp.boundjid.full, "alice@localhost/extauth")
        finally:
            try:
                xmpp.disconnect(wait=1)
                loop.run_until_complete(asyncio.sleep(0.2))
            except Exception:
                pass
            xmpp.abort()
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for t in pending:
                t.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()
            asyncio.set_event_loop(None)


if __name__ == "__main__":
    unittest.main()
