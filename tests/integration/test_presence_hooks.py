"""presence.collect and presence.probe_plan, seen from clients through the presence_directory
example plugin: a listed account looks available to subscribers while offline, and a listed
account's login sends no probes."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, q  # noqa: E402
from im_helpers import ImTestCase, im_plugins, is_presence  # noqa: E402

STATUS = "always here"


class PresenceHooksTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": im_plugins() + [
        {"name": "presence_directory", "accounts": ["dirbot1@" + DOMAIN, "dirbot2@" + DOMAIN],
         "status": STATUS, "resource": "directory"}]}]

    def fixed_user(self, name):
        self.server.adduser("%s@%s" % (name, DOMAIN), name + "-pw")
        self.users[name] = name + "-pw"
        return name

    def test_collect_answers_probes_for_an_offline_account(self):
        bot = self.session(self.fixed_user("dirbot1"))
        (user,) = self.fresh_users(1, "c")
        u = self.session(user)
        self.make_subscribed(u, bot)
        bot.c.close()
        # A new login of the user probes the bot, which has no resource: the plugin's presence.
        u2 = self.session(user)
        got = u2.c.wait_for(is_presence("%s@%s/directory" % ("dirbot1", DOMAIN), None, full=True),
                            what="the directory's presence for the offline bot")
        self.assertEqual(got.findtext(q(NS_CLIENT, "status")), STATUS)

    def test_probe_plan_skips_the_login_probes(self):
        bot_name = self.fixed_user("dirbot2")
        bot = self.session(bot_name)
        (user,) = self.fresh_users(1, "p")
        u = self.session(user)
        self.make_subscribed(bot, u, both=True)
        bot.c.close()
        # The bot logs in again while the user is available: no probe goes out, so the user's
        # presence does not arrive at login...
        bot2 = self.session(bot_name)
        self.assert_quiet(bot2, is_presence(u.jid, None, full=True), "probe answer")
        # ...but the user's next broadcast does.
        u.go_available(status="back")
        bot2.wait_presence(u.jid, None, full=True)


if __name__ == "__main__":
    unittest.main()
