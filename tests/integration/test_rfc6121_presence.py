"""RFC 6121 §4 (exchanging presence information), raw client.

Subscriptions are set up over the wire (ImTestCase.make_subscribed); `u` is the user whose
presence is broadcast, `c` a contact.
"""

import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import NS_CLIENT, q, to_string  # noqa: E402
from im_helpers import PRESENCE, ImTestCase, is_presence  # noqa: E402

STATUS = q(NS_CLIENT, "status")
SHOW = q(NS_CLIENT, "show")
PRIORITY = q(NS_CLIENT, "priority")


def with_status(pred, status):
    return lambda e: pred(e) and e.findtext(STATUS) == status


class PresenceTest(ImTestCase):

    def subscribed_pair(self, direction="both"):
        """(u, c) logged in, available and interested, with c subscribed to u's presence
        (direction 'from' = u has 'from', c has 'to') or both."""
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        ic = self.session(c, resource="c1")
        if direction == "both":
            self.make_subscribed(iu, ic, both=True)
        else:  # c subscribes to u: u has 'from'
            self.make_subscribed(ic, iu)
        return iu, ic

    # --- §4.2 initial presence
    def test_4_2_2_initial_presence_reflected_to_sender(self):
        # §4.2.2: the user's server broadcasts initial presence to all of the user's available
        # resources, including the one that sent it.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        im.send_presence(status="hello me")
        p = im.wait_presence(im.jid, None, full=True)
        self.assertEqual(p.findtext(STATUS), "hello me", to_string(p))

    def test_4_2_2_initial_presence_to_other_own_resources(self):
        (u,) = self.fresh_users(1)
        r1 = self.session(u, resource="first")
        r2 = self.session(u, resource="second", presence=False)
        r2.send_presence(status="second up")
        p = r1.wait_presence(r2.jid, None, full=True)
        self.assertEqual(p.findtext(STATUS), "second up", to_string(p))

    def test_4_2_2_initial_presence_to_subscribers(self):
        iu, ic = self.subscribed_pair("from")
        iu.c.close()
        ic.wait_presence(iu.jid, "unavailable", full=True)
        iu2 = self.session(iu.user, resource="u2", presence=False)
        iu2.send_presence(status="back", show="chat", priority=3)
        p = ic.wait_presence(iu2.jid, None, full=True)
        self.assertEqual(p.get("from"), iu2.jid, "RFC 6121 §4.2.2: from the full JID: %s" % to_string(p))
        self.assertEqual(p.findtext(STATUS), "back", to_string(p))
        self.assertEqual(p.findtext(SHOW), "chat", to_string(p))
        self.assertEqual(p.findtext(PRIORITY), "3", to_string(p))

    def test_4_2_2_initial_presence_not_to_non_subscribers(self):
        # Only contacts with 'from'/'both' (from the user's view) get the broadcast: a contact
        # to whom the user is subscribed ('to') but who is not subscribed to the user, and an
        # account in no relation, get nothing.
        u, to_contact, stranger = self.fresh_users(3)
        iu = self.session(u, resource="u1")
        it = self.session(to_contact)
        ist = self.session(stranger)
        self.make_subscribed(iu, it)            # u: to, to_contact: from
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.go_available(status="not for you")
        self.assert_not_received(iu2, [it, ist], with_status(is_presence(iu2.jid, None, True), "not for you"),
                                 "initial presence to a contact without a subscription to the user")

    def test_4_2_3_presence_not_to_connected_only_resources(self):
        # The contact's server delivers presence to the contact's available resources; a
        # resource that has not sent initial presence does not receive broadcasts.
        iu, ic = self.subscribed_pair("from")
        hidden = self.session(ic.user, resource="hidden", presence=False)
        iu.send_presence(status="update for available")
        ic.wait_presence(iu.jid, None, full=True)
        self.assert_not_received(iu, [hidden],
                                 with_status(is_presence(iu.jid, None, True), "update for available"),
                                 "presence broadcast to a resource that is not available")

    def test_4_2_3_broadcast_to_all_available_contact_resources(self):
        iu, ic = self.subscribed_pair("from")
        ic2 = self.session(ic.user, resource="c2", roster=False)
        iu.send_presence(status="to every resource")
        for r in (ic, ic2):
            with self.subTest(resource=r.jid):
                r.c.wait_for(with_status(is_presence(iu.jid, None, True), "to every resource"),
                             what="broadcast at %s" % r.jid)

    # --- §4.3 probes
    def test_4_3_2_probe_answered_with_each_available_resource(self):
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        c1 = self.session(c, resource="c1", status="one", priority=1)
        c2 = self.session(c, resource="c2", roster=False, status="two", show="away", priority=2)
        self.make_subscribed(iu, c1)            # u subscribed to c ('to')
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.send_presence()
        # §4.3.2: the contact's server answers the probe with the last presence of each
        # available resource, from the full JID.
        p1 = iu2.wait_presence(c1.jid, None, full=True)
        p2 = iu2.wait_presence(c2.jid, None, full=True)
        self.assertEqual(p1.findtext(STATUS), "one", to_string(p1))
        self.assertEqual(p2.findtext(STATUS), "two", to_string(p2))
        self.assertEqual(p2.findtext(SHOW), "away", to_string(p2))
        self.assertEqual(p2.findtext(PRIORITY), "2", to_string(p2))

    def test_4_3_2_probe_not_answered_for_connected_only_resource(self):
        # Only available resources are reported; a connected resource that never sent
        # presence has none to report.
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        c1 = self.session(c, resource="c1")
        self.make_subscribed(iu, c1)
        hidden = self.session(c, resource="c-hidden", presence=False)
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.send_presence()
        iu2.wait_presence(c1.jid, None, full=True)
        self.assert_not_received(c1, [iu2], lambda e: e.tag == PRESENCE and e.get("from") == hidden.jid,
                                 "presence of a connected resource that is not available")

    def test_4_3_2_probe_reflects_latest_presence(self):
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        ic = self.session(c, resource="c1", status="first")
        self.make_subscribed(iu, ic)
        ic.go_available(status="latest", show="xa")
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.send_presence()
        p = iu2.wait_presence(ic.jid, None, full=True)
        self.assertEqual((p.findtext(STATUS), p.findtext(SHOW)), ("latest", "xa"), to_string(p))

    def test_4_3_2_probe_not_delivered_to_contact(self):
        # A probe is answered by the contact's server; it is not delivered to the contact.
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        ic = self.session(c, resource="c1")
        self.make_subscribed(iu, ic)
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.send_presence()
        iu2.wait_presence(ic.jid, None, full=True)
        self.assert_not_received(iu2, [ic], lambda e: e.tag == PRESENCE and e.get("type") == "probe",
                                 "a presence probe")

    def test_4_3_2_offline_contact_unavailable(self):
        # §4.3.2: for a contact without available resources the server SHOULD answer the probe
        # with presence of type unavailable (from the bare JID or the last full JID).
        u, c = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        ic = self.session(c, resource="c1")
        self.make_subscribed(iu, ic)
        ic.c.close()
        iu.wait_presence(ic.jid, "unavailable", full=True)
        iu.c.close()
        iu2 = self.session(u, resource="u2", presence=False)
        iu2.send_presence()
        p = iu2.wait_presence(ic.bare, "unavailable", full=False)
        self.assertEqual(p.get("type"), "unavailable", to_string(p))

    def test_4_3_no_presence_without_subscription(self):
        # u has only a pending request: no probe answer reveals c's presence.
        u, c = self.fresh_users(2)
        ic = self.session(c, resource="c1", status="secret")
        iu = self.session(u, resource="u1", presence=False)
        iu.subscribe(ic.bare)
        iu.wait_push_state(ic.bare, "none", "subscribe")
        iu.go_available()
        self.assert_not_received(ic, [iu], is_presence(ic.jid, None, True),
                                 "the presence of a contact the user is not subscribed to")

    # --- §4.4 subsequent presence
    def test_4_4_2_presence_update_broadcast(self):
        iu, ic = self.subscribed_pair("from")
        r2 = self.session(iu.user, resource="u-other")
        iu.send_presence(show="away", status="lunch")
        p = ic.wait_presence(iu.jid, None, full=True)
        while p.findtext(STATUS) != "lunch":  # earlier broadcasts (e.g. the initial presence)
            p = ic.wait_presence(iu.jid, None, full=True)
        self.assertEqual(p.findtext(SHOW), "away", to_string(p))
        own = r2.c.wait_for(with_status(is_presence(iu.jid, None, True), "lunch"),
                            what="update at the user's other resource")
        self.assertEqual(own.findtext(SHOW), "away")
        iu.c.wait_for(with_status(is_presence(iu.jid, None, True), "lunch"), what="reflection of the update")

    # --- §4.5 unavailable
    def test_4_5_2_unavailable_broadcast(self):
        iu, ic = self.subscribed_pair("both")
        r2 = self.session(iu.user, resource="u-other")
        iu.send_presence(type_="unavailable", status="bye")
        p = ic.wait_presence(iu.jid, "unavailable", full=True)
        self.assertEqual(p.findtext(STATUS), "bye", to_string(p))
        r2.wait_presence(iu.jid, "unavailable", full=True)

    def test_4_5_2_unavailable_on_stream_close(self):
        # §4.5.2 / RFC 6120 §4.4: a resource that closes its stream without unavailable
        # presence is made unavailable by the server.
        iu, ic = self.subscribed_pair("from")
        jid = iu.jid
        iu.c.close()
        p = ic.wait_presence(jid, "unavailable", full=True)
        self.assertEqual(p.get("from"), jid)

    def test_4_5_2_unavailable_on_connection_drop(self):
        # The TCP connection is lost without </stream:stream>.
        iu, ic = self.subscribed_pair("from")
        jid = iu.jid
        try:
            iu.c.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        iu.c.sock.close()
        iu.c.eof = True
        p = ic.wait_presence(jid, "unavailable", full=True)
        self.assertEqual(p.get("from"), jid)

    def test_4_5_2_unavailable_when_session_is_replaced(self):
        # A new session binding the same resource ends the old one (RFC 6120 §7.7.2.2); the
        # contacts learn that the old session went away.
        iu, ic = self.subscribed_pair("from")
        jid = iu.jid
        resource = jid.split("/", 1)[1]
        new = self.client(timeout=5)
        new.login(iu.user, self.users[iu.user], resource=resource)
        ic.wait_presence(jid, "unavailable", full=True)

    def test_4_5_unavailable_makes_resource_unreachable_for_broadcasts(self):
        # After unavailable, the resource no longer gets contacts' presence broadcasts.
        iu, ic = self.subscribed_pair("both")
        iu.send_presence(type_="unavailable")
        ic.wait_presence(iu.jid, "unavailable", full=True)
        ic.send_presence(status="after you left")
        self.assert_not_received(ic, [iu], with_status(is_presence(ic.jid, None, True), "after you left"),
                                 "a presence broadcast to a resource that went unavailable")

    # --- §4.6 directed presence
    def test_4_6_directed_presence_and_unavailable_on_logoff(self):
        u, d = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        idd = self.session(d, resource="d1")
        iu.send_presence(to=idd.bare, status="just for you")
        p = idd.wait_presence(iu.jid, None, full=True)
        self.assertEqual(p.findtext(STATUS), "just for you", to_string(p))
        jid = iu.jid
        iu.c.close()
        # §4.6.3 (and §4.5.2): the directed recipient learns that the user went away.
        idd.wait_presence(jid, "unavailable", full=True)

    def test_4_6_directed_presence_unavailable_on_explicit_unavailable(self):
        u, d = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        idd = self.session(d, resource="d1")
        iu.send_presence(to=idd.jid)
        idd.wait_presence(iu.jid, None, full=True)
        iu.send_presence(type_="unavailable")
        idd.wait_presence(iu.jid, "unavailable", full=True)

    def test_8_5_2_1_2_directed_presence_to_bare_jid_reaches_all_available_resources(self):
        u, d = self.fresh_users(2)
        iu = self.session(u, resource="u1")
        d1 = self.session(d, resource="d1", roster=False)
        d2 = self.session(d, resource="d2", roster=False, priority=-1)
        iu.send_presence(to=d1.bare, status="hi all")
        for r in (d1, d2):
            with self.subTest(resource=r.jid):
                r.c.wait_for(with_status(is_presence(iu.jid, None, True), "hi all"),
                             what="directed presence at %s" % r.jid)

    def test_4_6_directed_presence_not_broadcast(self):
        # A directed presence goes to its recipient only, not to the user's subscribers.
        iu, ic = self.subscribed_pair("from")
        (d,) = self.fresh_users(1)
        idd = self.session(d)
        iu.send_presence(to=idd.bare, status="directed only")
        idd.wait_presence(iu.jid, None, full=True)
        self.assert_not_received(iu, [ic], with_status(is_presence(iu.jid, None, True), "directed only"),
                                 "a directed presence at a subscriber")

    # --- §4.7 syntax: priority
    def test_4_7_2_3_priority_is_forwarded(self):
        iu, ic = self.subscribed_pair("from")
        iu.send_presence(priority=-5, status="negative")
        p = ic.c.wait_for(with_status(is_presence(iu.jid, None, True), "negative"), what="presence priority -5")
        self.assertEqual(p.findtext(PRIORITY), "-5", to_string(p))


if __name__ == "__main__":
    unittest.main()
