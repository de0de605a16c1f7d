"""presence_note: the example transform of presence.alter_available.

The user's own broadcast presence comes back to the sending resource (RFC 6121 §4.2.2), and a
contact subscribed to the user gets the same altered presence.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN  # noqa: E402
from im_helpers import ImTestCase, im_plugins, is_presence  # noqa: E402

NS_CLIENT = "jabber:client"
NS_NOTE = "urn:example:note"


class PresenceNoteTest(ImTestCase):
    vhosts = [{"domain": DOMAIN, "plugins": im_plugins() + [
        {"name": "presence_note", "status_suffix": " (via djabberd)",
         "add_element": "<note xmlns='%s'>hi</note>" % NS_NOTE}]}]

    def status_of(self, presence):
        s = presence.find("{%s}status" % NS_CLIENT)
        return None if s is None else s.text

    def test_own_broadcast_and_contact_see_the_altered_presence(self):
        user, contact = self.fresh_users(2, "pn")
        u = self.session(user, presence=False)
        c = self.session(contact)
        u.go_available()  # no status: only the element is added
        self.make_subscribed(c, u)  # the contact subscribes to the user's presence
        u.send_presence(status="hello")
        echo = u.c.wait_for(lambda e: is_presence(u.jid, None, full=True)(e)
                            and self.status_of(e) is not None, what="own presence with status")
        self.assertEqual(self.status_of(echo), "hello (via djabberd)")
        self.assertIsNotNone(echo.find("{%s}note" % NS_NOTE))
        seen = c.c.wait_for(lambda e: is_presence(u.jid, None, full=True)(e)
                            and self.status_of(e) is not None, what="contact's view")
        self.assertEqual(self.status_of(seen), "hello (via djabberd)")
        self.assertEqual(seen.find("{%s}note" % NS_NOTE).text, "hi")


if __name__ == "__main__":
    unittest.main()
