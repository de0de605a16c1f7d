"""The PostgreSQL storage plugins through the real daemon: a vhost on auth_pg, roster_pg,
offline_pg, vcard_pg, private_pg, blocklist_pg, last_pg and pep_pg against a throwaway
PostgreSQL (pg_server.py).

Login, roster and offline message round trips; a block list, a last logout and a PEP item
read back after a daemon restart (so from PostgreSQL); the rows really are in PostgreSQL; a
PostgreSQL restart in the middle (every pooled connection breaks) is survived; a failing
query is answered with a stanza error and the server goes on. Accounts are written into
PostgreSQL in auth_pg's credential format (salted SCRAM-SHA-1 and SCRAM-SHA-256 keys)."""

import hashlib
import hmac
import os
import secrets
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, ServerError, q, to_string  # noqa: E402
from im_helpers import ImTestCase, RestartableServer, is_message_id  # noqa: E402
from pep_helpers import get_items, item_ids, publish  # noqa: E402
from pg_server import PgServer, missing_reason  # noqa: E402
from test_xep_0191_blocking import BlockingHelpers  # noqa: E402
from test_xep_disco import error_condition  # noqa: E402

BODY = q(NS_CLIENT, "body")
DELAY = q("urn:xmpp:delay", "delay")
NS_PRIVATE = "jabber:iq:private"
NS_VCARD = "vcard-temp"
NS_LAST = "jabber:iq:last"


def scram_row(algo, password, iterations=4096):
    """(algo column, salt, iterations, stored key, server key) as auth_pg stores them."""
    name = {"SHA-1": "sha1", "SHA-256": "sha256"}[algo]
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac(name, password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", name).digest()
    server_key = hmac.new(salted, b"Server Key", name).digest()
    return algo, salt, iterations, hashlib.new(name, client_key).digest(), server_key


class PgDjabberdServer(RestartableServer):
    """A daemon whose accounts live in PostgreSQL: adduser writes them with SQL. Restarting it
    keeps nothing but what PostgreSQL stores (no plugin here writes to data_dir)."""

    def __init__(self, pg, **kw):
        super().__init__(**kw)
        self.pg = pg

    def adduser(self, jid, password):
        user, domain = jid.split("@", 1)
        sql = ["BEGIN",
               "INSERT INTO accounts (domain, username, created_at) VALUES ('%s', '%s', %d)"
               % (domain, user.lower(), int(time.time()))]
        for algo in ("SHA-1", "SHA-256"):
            a, salt, it, stored, server = scram_row(algo, password)
            sql.append("INSERT INTO scram_credentials VALUES ('%s', '%s', '%s', '\\x%s', %d, "
                       "'\\x%s', '\\x%s')" % (domain, user.lower(), a, salt.hex(), it,
                                                stored.hex(), server.hex()))
        sql.append("COMMIT")
        self.pg.psql(";\n".join(sql))


@unittest.skipIf(missing_reason() is not None, "PostgreSQL not usable: %s" % missing_reason())
class PgStorageTest(BlockingHelpers, ImTestCase):
    @classmethod
    def setUpClass(cls):
        cls._had_failure = False
        cls.pg = PgServer()
        cls.addClassCleanup(cls.pg.cleanup)
        cls.pg.start()
        db = {"conninfo": cls.pg.conninfo(), "connections": 2}
        cls.vhosts = [{"domain": DOMAIN, "plugins": [
            dict(name="auth_pg", **db),
            dict(name="roster_pg", **db),
            dict(name="offline_pg", max_messages=3, **db),
            {"name": "vcard"}, dict(name="vcard_pg", **db),
            {"name": "private"}, dict(name="private_pg", **db),
            {"name": "blocking"}, dict(name="blocklist_pg", **db),
            {"name": "last"}, dict(name="last_pg", **db),
            {"name": "pep"}, dict(name="pep_pg", **db),
        ]}]
        cls.server = PgDjabberdServer(cls.pg, c2s=cls.c2s_options, vhosts=cls.vhosts)
        cls.addClassCleanup(cls._cleanup_server)
        try:
            cls.server.start()
        except ServerError:
            if "unknown plugin 'auth_pg'" in cls.server.log:
                raise unittest.SkipTest("this djabberd does not list the PostgreSQL plugins in "
                                        "plugins/builtin_plugins.cpp")
            raise

    def rows(self, sql):
        return self.pg.psql(sql)

    # --- accounts
    def test_login_with_the_stored_scram_keys(self):
        (u,) = self.fresh_users(1, prefix="pgl")
        for mech in ("SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"):
            c = self.client()
            c.login(u, self.users[u], mech=mech)
            c.close()
        bad = self.client()
        bad.open_stream()
        bad.starttls()
        self.assertFalse(bad.authenticate(u, "wrong", mech="SCRAM-SHA-256").ok)
        nobody = self.client()
        nobody.open_stream()
        nobody.starttls()
        self.assertFalse(nobody.authenticate("nobody" + u, "x", mech="SCRAM-SHA-256").ok)

    def test_djabberctl_manages_accounts_in_postgres(self):
        name = "ctl%d" % int(time.time() * 1000)
        jid = "%s@%s" % (name, DOMAIN)
        r = self.server.ctl("adduser", jid, "ctl-pw")
        if "has no auth_sqlite plugin" in r.stderr:
            self.skipTest("this djabberctl writes only the SQLite store (its auth_pg path is not "
                          "built in: see docs/postgresql.md, Accounts)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.rows("SELECT COUNT(*) FROM scram_credentials WHERE username = '%s'"
                                   % name), "2")
        c = self.client()
        c.login(name, "ctl-pw")
        c.close()
        self.assertEqual(self.server.ctl("adduser", jid, "x").returncode, 1)  # exists
        self.server.ctl_ok("passwd", jid, "new-pw")
        c = self.client()
        c.login(name, "new-pw")
        c.close()
        self.server.ctl_ok("deluser", jid)
        self.assertEqual(self.rows("SELECT COUNT(*) FROM accounts WHERE username = '%s'" % name),
                         "0")

    # --- roster + offline round trip
    def test_login_roster_and_offline_round_trip(self):
        a, b = self.fresh_users(2, prefix="pgr")
        ia = self.session(a)
        bob = "%s@%s" % (b, DOMAIN)
        reply = ia.roster_set(bob, name="Bob ☺", groups=["Friends", "Work"])
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        ia.wait_push(bob)
        self.assertEqual(self.rows("SELECT name FROM roster_items WHERE owner = '%s@%s'"
                                   % (a, DOMAIN)), "Bob ☺")
        ia.c.close()
        # A new session reads the roster back from PostgreSQL.
        ia = self.session(a, presence=False)
        item = ia.roster_item(bob)
        self.assertIsNotNone(item)
        self.assertEqual(item.get("name"), "Bob ☺")
        self.assertEqual(sorted(g.text for g in item.findall(q("jabber:iq:roster", "group"))),
                         ["Friends", "Work"])
        ia.c.close()
        # b writes to a, who has no session: stored in offline_messages, delivered at login.
        ib = self.session(b)
        mid = ib.c.send_message("%s@%s" % (a, DOMAIN), "while you were away")
        self.wait_rows("SELECT COUNT(*) FROM offline_messages WHERE owner = '%s@%s'"
                       % (a, DOMAIN), "1")
        ia = self.session(a, roster=False, presence=False)
        ia.send_presence()
        msg = ia.c.wait_message(is_message_id(mid))
        self.assertEqual(msg.findtext(BODY), "while you were away")
        self.assertIsNotNone(msg.find(DELAY), to_string(msg))
        self.wait_rows("SELECT COUNT(*) FROM offline_messages WHERE owner = '%s@%s'"
                       % (a, DOMAIN), "0")

    def test_offline_quota_refuses_with_an_error(self):
        a, b = self.fresh_users(2, prefix="pgq")
        ib = self.session(b)
        ids = [ib.c.send_message("%s@%s" % (a, DOMAIN), "m%d" % i) for i in range(4)]
        bounce = ib.c.wait_message(lambda e: e.get("id") == ids[3] and e.get("type") == "error")
        self.assertEqual(error_condition(bounce), "service-unavailable", to_string(bounce))
        self.wait_rows("SELECT COUNT(*) FROM offline_messages WHERE owner = '%s@%s'"
                       % (a, DOMAIN), "3")

    # --- vCard and private XML
    def test_vcard_and_private_xml_are_stored(self):
        (u,) = self.fresh_users(1, prefix="pgv")
        c = self.client()
        c.login(u, self.users[u])
        reply = c.iq("set", "<vCard xmlns='%s'><FN>Ünïcode &amp; Co</FN></vCard>" % NS_VCARD)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        got = c.iq("get", "<vCard xmlns='%s'/>" % NS_VCARD)
        self.assertEqual(got.find(q(NS_VCARD, "vCard")).findtext(q(NS_VCARD, "FN")),
                         "Ünïcode & Co")
        reply = c.iq("set", "<query xmlns='%s'><p xmlns='urn:x:p'>1</p></query>" % NS_PRIVATE)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        got = c.iq("get", "<query xmlns='%s'><p xmlns='urn:x:p'/></query>" % NS_PRIVATE)
        self.assertEqual(got.find(q(NS_PRIVATE, "query")).findtext("{urn:x:p}p"), "1")
        self.assertEqual(self.rows("SELECT key FROM private_storage WHERE owner = '%s@%s'"
                                   % (u, DOMAIN)), "{urn:x:p}p")

    # --- block list, last logout and PEP: read back by a restarted daemon
    def test_block_list_survives_a_daemon_restart(self):
        u, v = self.fresh_users(2, prefix="pgb")
        user = self.session(u, presence=False)
        blocked = sorted(["%s@%s" % (v, DOMAIN), "example.net"])
        self.block(user, *blocked)
        user.c.close()
        self.assertEqual(self.rows("SELECT string_agg(blocked, ' ' ORDER BY blocked) FROM "
                                   "blocklist WHERE owner = '%s@%s'" % (u, DOMAIN)),
                         " ".join(blocked))
        self.server.restart()
        user = self.session(u)
        self.assertEqual(self.get_list(user), blocked)
        contact = self.session(v)
        contact.c.send("<message to='%s' id='late' type='chat'><body>x</body></message>"
                       % user.jid)
        err = contact.c.wait_for(lambda e: e.get("id") == "late" and e.get("type") == "error",
                                 what="bounce after restart")
        self.assertEqual(error_condition(err), "service-unavailable", to_string(err))

    def test_last_logout_of_a_contact_survives_a_daemon_restart(self):
        a, b = self.fresh_users(2, prefix="pgt")
        alice, bob = self.session(a), self.session(b)
        self.make_subscribed(alice, bob)  # alice may see bob's presence, so his last logout
        bob.send_presence(type_="unavailable", status="gone fishing")
        alice.wait_presence(bob.jid, "unavailable", full=True)
        bob.c.close()
        alice.c.close()
        self.wait_rows("SELECT status FROM last_activity WHERE owner = '%s'" % bob.bare,
                       "gone fishing")
        self.server.restart()  # bob's account actor, and its cached logout, are gone
        alice = self.session(a, presence=False)
        reply = alice.c.iq("get", "<query xmlns='%s'/>" % NS_LAST, to=bob.bare)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        query = reply.find(q(NS_LAST, "query"))
        self.assertLess(int(query.get("seconds")), 120)
        self.assertEqual(query.text, "gone fishing")

    def test_pep_item_survives_a_daemon_restart(self):
        (a,) = self.fresh_users(1, prefix="pgp")
        alice = self.session(a)
        node = "urn:xmpp:bookmarks:1"
        options = {"pubsub#access_model": "whitelist", "pubsub#max_items": "2"}
        for i in ("x", "y", "z"):  # x falls out of the two newest
            reply = publish(alice, node, i, "<p xmlns='urn:test'>%s ☺</p>" % i, options)
            self.assertEqual(reply.get("type"), "result", to_string(reply))
        alice.c.close()
        self.assertEqual(self.rows("SELECT string_agg(item_id, ' ' ORDER BY seq) FROM pep_items "
                                   "WHERE owner = '%s@%s'" % (a, DOMAIN)), "y z")
        self.server.restart()
        alice = self.session(a)
        reply = get_items(alice, None, node)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertEqual(item_ids(reply), ["y", "z"])
        self.assertIn("z ☺", to_string(reply))

    # --- failures
    def test_postgres_restart_is_survived(self):
        a, b = self.fresh_users(2, prefix="pgs")
        ia = self.session(a)
        ia.c.close()
        self.pg.restart()  # every pooled connection of every plugin is now broken
        ia = self.session(a)  # auth, roster read, offline fetch on new connections
        bob = "%s@%s" % (b, DOMAIN)
        reply = ia.roster_set(bob, name="after restart")
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        ia.wait_push(bob)
        self.assertEqual(ia.roster_item(bob).get("name"), "after restart")
        # And again while a session is open: the next write still succeeds.
        self.pg.restart()
        reply = ia.roster_set(bob, name="second restart")
        self.assertEqual(reply.get("type"), "result", to_string(reply))

    def test_failing_query_is_a_stanza_error_and_the_server_goes_on(self):
        (u,) = self.fresh_users(1, prefix="pgf")
        roster_get = "<query xmlns='jabber:iq:roster'/>"
        private_set = "<query xmlns='%s'><p xmlns='urn:x:f'>1</p></query>" % NS_PRIVATE
        self.rows("ALTER TABLE roster_items RENAME TO roster_items_away;"
                  "ALTER TABLE private_storage RENAME TO private_storage_away")
        try:
            c = self.client()
            c.login(u, self.users[u])  # before the account actor could load the roster
            reply = c.iq("get", roster_get)  # roster.get fails: an error, not an empty roster
            self.assertEqual(error_condition(reply), "internal-server-error", to_string(reply))
            reply = c.iq("set", private_set)  # private.set fails: handled(false)
            self.assertEqual(reply.get("type"), "error", to_string(reply))
        finally:
            self.rows("ALTER TABLE roster_items_away RENAME TO roster_items;"
                      "ALTER TABLE private_storage_away RENAME TO private_storage")
        # The same session goes on once the tables are back: nothing was cached as empty.
        reply = c.iq("get", roster_get)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        reply = c.iq("set", private_set)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertTrue(self.server.running())

    def wait_rows(self, sql, expected, timeout=5.0):
        """Polls `sql` until it returns `expected` (a write the protocol does not acknowledge),
        bounded by `timeout`."""
        deadline = time.monotonic() + timeout
        got = None
        while time.monotonic() < deadline:
            got = self.rows(sql)
            if got == expected:
                return
            time.sleep(0.05)
        self.fail("%s returned %r, expected %r" % (sql, got, expected))


if __name__ == "__main__":
    unittest.main()
