"""RFC 6121 §3 (managing presence subscriptions), §2.5 (removal side effects) and the
subscription states of Appendix A, observed over the wire: roster pushes (subscription /
ask / approved) and presence stanzas delivered or not delivered.

Naming: `u` is the user who asks for a subscription, `c` the contact (as in the RFC).
SubscriptionTest uses the raw client; SlixmppSubscriptionTest runs a full round trip
between two slixmpp clients (a third-party implementation).
"""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DEFAULT_MECH, DOMAIN, q, to_string  # noqa: E402
from im_helpers import (NS_PREAPPROVAL, PRESENCE, ImTestCase, SlixmppLoop,  # noqa: E402
                        groups_of, is_presence, slixmpp_client, unique_name)

try:
    import slixmpp
except ImportError:  # pragma: no cover
    slixmpp = None


def is_subscription_presence(from_bare, type_):
    return lambda e: (e.tag == PRESENCE and e.get("type") == type_
                      and (e.get("from") or "").split("/")[0].lower() == from_bare.lower())


class SubscriptionTest(ImTestCase):

    @staticmethod
    def unavailable_of(im):
        """Unavailable presence of `im`'s resource: from its full JID (as the RFC examples
        show, one per available resource) or from the bare JID."""
        return lambda e: (e.tag == PRESENCE and e.get("type") == "unavailable"
                          and e.get("from") in (im.jid, im.bare))

    def pair(self, u_presence=True, c_presence=True):
        u, c = self.fresh_users(2)
        iu = self.session(u, presence=u_presence)
        ic = self.session(c, presence=c_presence)
        return iu, ic

    # --- §3.1 requesting a subscription
    def test_3_1_2_outbound_subscribe_push_with_ask(self):
        iu, ic = self.pair()
        iu.subscribe(ic.bare)
        item = iu.wait_push_state(ic.bare, "none", "subscribe")
        self.assertIsNotNone(item)
        # Appendix A.2.1 "None + Pending Out": the roster shows it too.
        stored = iu.roster_item(ic.bare)
        self.assertIsNotNone(stored, "RFC 6121 §3.1.2: no roster item was created")
        self.assertEqual((stored.get("subscription", "none"), stored.get("ask")), ("none", "subscribe"),
                         to_string(stored))

    def test_3_1_3_inbound_subscribe_delivered_with_bare_from(self):
        iu, ic = self.pair()
        iu.subscribe(ic.bare, pres_id="sub1")
        p = ic.wait_presence(iu.bare, "subscribe", full=False)
        self.assertEqual(p.get("from"), iu.bare,
                         "RFC 6121 §3.1.2: the user's server stamps the request with the user's bare JID: %s"
                         % to_string(p))
        self.assertIn(p.get("to"), (ic.bare, ic.jid, None), to_string(p))

    def test_3_1_3_inbound_subscribe_to_all_available_resources(self):
        u, c = self.fresh_users(2)
        iu = self.session(u)
        c1 = self.session(c, resource="c1")
        c2 = self.session(c, resource="c2", roster=False)
        iu.subscribe(c1.bare)
        for r in (c1, c2):
            with self.subTest(resource=r.jid):
                r.wait_presence(iu.bare, "subscribe", full=False)

    def test_3_1_3_inbound_subscribe_not_to_connected_only_resource(self):
        # Subscription requests go to available resources (§2.2 implementation note,
        # §3.1.3); a connected resource that has not sent initial presence gets none.
        u, c = self.fresh_users(2)
        iu = self.session(u)
        avail = self.session(c, resource="avail")
        hidden = self.session(c, resource="hidden", presence=False)
        iu.subscribe(avail.bare)
        avail.wait_presence(iu.bare, "subscribe", full=False)
        self.assert_not_received(iu, [hidden], is_subscription_presence(iu.bare, "subscribe"),
                                 "a subscription request to a resource that is not available")

    def test_3_1_3_inbound_subscribe_stored_offline(self):
        u, c = self.fresh_users(2)
        iu = self.session(u)
        iu.subscribe("%s@%s" % (c, DOMAIN))
        iu.wait_push_state("%s@%s" % (c, DOMAIN), "none", "subscribe")
        # c logs in later; the request is delivered once c is available.
        ic = self.session(c, presence=False)
        ic.send_presence()
        p = ic.wait_presence(iu.bare, "subscribe", full=False)
        self.assertEqual(p.get("from"), iu.bare, to_string(p))

    def test_3_1_3_stored_subscribe_redelivered_until_answered(self):
        # §3.1.3: the contact's server keeps the request and delivers it each time the contact
        # becomes available until the contact approves or denies it.
        u, c = self.fresh_users(2)
        iu = self.session(u)
        cb = "%s@%s" % (c, DOMAIN)
        iu.subscribe(cb)
        iu.wait_push_state(cb, "none", "subscribe")
        first = self.session(c)
        first.wait_presence(iu.bare, "subscribe", full=False)
        first.c.close()
        second = self.session(c)
        second.wait_presence(iu.bare, "subscribe", full=False)
        # Appendix A: the contact's roster shows no item for the user (Pending In is not a
        # roster state that creates an item) or an item with subscription none.
        item = second.roster_item(iu.bare)
        if item is not None:
            self.assertEqual(item.get("subscription", "none"), "none", to_string(item))

    def test_8_5_1_subscribe_to_nonexistent_account(self):
        # §8.5.1 (no such user): a presence of type subscribe to an account that does not exist
        # is silently ignored (some servers answer 'unsubscribed' on its behalf, §3.1.3); it is
        # never approved and never bounced as an error.
        (u,) = self.fresh_users(1)
        iu = self.session(u)
        ghost = "%s@%s" % (unique_name("ghost"), DOMAIN)
        iu.subscribe(ghost, pres_id="ghost-sub")
        iu.wait_push_state(ghost, "none", "subscribe")
        bad = lambda e: (e.tag == PRESENCE and (e.get("from") or "").split("/")[0] == ghost  # noqa: E731
                         and e.get("type") in ("subscribed", "error"))
        self.assert_not_received(iu, [iu], bad, "an approval or an error for a subscription to a "
                                                "nonexistent account")
        answered = [e for e in iu.c.queue if is_subscription_presence(ghost, "unsubscribed")(e)]
        if answered:
            # §3.2.3 / Appendix A.2.1: None + Pending Out + unsubscribed -> None
            iu.wait_push_state(ghost, "none", None)

    def test_3_1_3_already_subscribed_is_auto_approved(self):
        # §3.1.3: if the contact already has a 'from' subscription for the user, the contact's
        # server answers a new subscribe with subscribed on the contact's behalf and does not
        # deliver it to the contact.
        iu, ic = self.pair()
        self.make_subscribed(iu, ic)
        iu.subscribe(ic.bare, pres_id="again")
        # (The auto-reply 'subscribed' reaches the user's server, which need not deliver it:
        # Appendix A.2.1, state To. So only the contact side is checked.)
        self.assert_not_received(iu, [ic], is_subscription_presence(iu.bare, "subscribe"),
                                 "a repeated subscribe for an existing subscription")
        item = iu.roster_item(ic.bare)
        self.assertEqual(item.get("subscription"), "to", to_string(item))

    # --- §3.1.5 / §3.1.6 approval
    def test_3_1_5_approval_pushes_and_presence(self):
        u, c = self.fresh_users(2)
        iu = self.session(u)
        ic = self.session(c, status="contact here", show="dnd")
        iu.subscribe(ic.bare)
        iu.wait_push_state(ic.bare, "none", "subscribe")
        ic.wait_presence(iu.bare, "subscribe", full=False)
        ic.subscribe(iu.bare, "subscribed")
        # contact side: Appendix A.3.1 None + Pending In + subscribed -> From
        ic.wait_push_state(iu.bare, "from")
        # user side: §3.1.6 Appendix A.2.1 None + Pending Out + subscribed -> To
        p = iu.wait_presence(ic.bare, "subscribed", full=False)
        self.assertEqual(p.get("from"), ic.bare, "RFC 6121 §3.1.5: 'subscribed' from the contact's bare "
                                                 "JID: %s" % to_string(p))
        iu.wait_push_state(ic.bare, "to")
        # §3.1.5: the contact's server then sends the contact's current presence from each
        # available resource to the user.
        avail = iu.wait_presence(ic.jid, None, full=True)
        self.assertEqual(avail.findtext(q("jabber:client", "status")), "contact here", to_string(avail))
        self.assertEqual(avail.findtext(q("jabber:client", "show")), "dnd", to_string(avail))
        # and the rosters agree
        self.assertEqual(iu.roster_item(ic.bare).get("subscription"), "to")
        self.assertEqual(ic.roster_item(iu.bare).get("subscription"), "from")

    def test_3_1_5_approval_while_user_offline_updates_roster(self):
        # The user goes offline after asking; the approval still changes the user's roster.
        u, c = self.fresh_users(2)
        iu = self.session(u)
        ic = self.session(c)
        iu.subscribe(ic.bare)
        iu.wait_push_state(ic.bare, "none", "subscribe")
        ic.wait_presence(iu.bare, "subscribe", full=False)
        iu.c.close()
        ic.subscribe(iu.bare, "subscribed")
        ic.wait_push_state(iu.bare, "from")
        iu2 = self.session(u, presence=False)
        item = iu2.roster_item(ic.bare)
        self.assertIsNotNone(item)
        self.assertEqual((item.get("subscription"), item.get("ask")), ("to", None), to_string(item))

    def test_3_1_keeps_name_and_groups_through_subscription(self):
        # Subscription state changes update the subscription of an existing item; its name
        # and groups stay (§3.1.2 / §3.1.6 pushes carry the whole item).
        iu, ic = self.pair()
        self.assertEqual(iu.roster_set(ic.bare, name="Con", groups=["G"]).get("type"), "result")
        iu.wait_push(ic.bare)
        iu.subscribe(ic.bare)
        item = iu.wait_push_state(ic.bare, "none", "subscribe")
        self.assertEqual((item.get("name"), groups_of(item)), ("Con", ["G"]), to_string(item))
        ic.wait_presence(iu.bare, "subscribe", full=False)
        ic.subscribe(iu.bare, "subscribed")
        item = iu.wait_push_state(ic.bare, "to")
        self.assertEqual((item.get("name"), groups_of(item)), ("Con", ["G"]), to_string(item))

    def test_3_1_6_unsolicited_subscribed_is_not_delivered(self):
        # §3.1.6: a 'subscribed' for which the user has no pending outbound request is not
        # delivered and does not change the user's roster (with pre-approval support, §3.4,
        # the contact's server does not even route it).
        iu, ic = self.pair()
        ic.subscribe(iu.bare, "subscribed")
        self.assert_not_received(ic, [iu], is_subscription_presence(ic.bare, "subscribed"),
                                 "an unsolicited 'subscribed'")
        item = iu.roster_item(ic.bare)
        self.assertTrue(item is None or item.get("subscription", "none") == "none",
                        "the unsolicited 'subscribed' changed the user's roster: %s" % to_string(item))

    def test_3_1_4_subscribe_to_full_jid_is_handled_as_bare(self):
        # §3.1.1/§3.1.2: subscriptions are between bare JIDs; the request is stamped with the
        # user's bare JID and the contact sees it.
        iu, ic = self.pair()
        iu.subscribe(ic.jid)
        p = ic.wait_presence(iu.bare, "subscribe", full=False)
        self.assertEqual(p.get("from"), iu.bare, to_string(p))

    # --- §3.2 cancelling / denying
    def test_3_2_1_deny_pending_request(self):
        iu, ic = self.pair()
        iu.subscribe(ic.bare)
        iu.wait_push_state(ic.bare, "none", "subscribe")
        ic.wait_presence(iu.bare, "subscribe", full=False)
        ic.subscribe(iu.bare, "unsubscribed")
        p = iu.wait_presence(ic.bare, "unsubscribed", full=False)
        self.assertEqual(p.get("from"), ic.bare, to_string(p))
        # Appendix A.2.1: None + Pending Out + unsubscribed -> None (the ask is gone)
        iu.wait_push_state(ic.bare, "none", None)
        # The contact's server forgets the request: it is not delivered again.
        ic.c.close()
        again = self.session(ic.user)
        self.assert_not_received(iu, [again], is_subscription_presence(iu.bare, "subscribe"),
                                 "a denied subscription request (delivered again at the next login)")

    def test_3_2_2_cancel_existing_subscription(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic)   # u: to, c: from
        ic.subscribe(iu.bare, "unsubscribed")
        # contact: From + unsubscribed -> None
        ic.wait_push_state(iu.bare, "none")
        # user: To + unsubscribed -> None; delivered; then unavailable from the contact's
        # available resources (§3.2.2).
        p = iu.wait_presence(ic.bare, "unsubscribed", full=False)
        self.assertEqual(p.get("from"), ic.bare, to_string(p))
        iu.wait_push_state(ic.bare, "none")
        iu.c.wait_for(self.unavailable_of(ic), what="unavailable presence of the contact after the "
                                                   "cancellation (RFC 6121 §3.2.2)")
        # Afterwards the contact's presence no longer reaches the user.
        ic.send_presence(status="after cancel")
        self.assert_not_received(ic, [iu], lambda e: is_presence(ic.jid, None, True)(e)
                                 and e.findtext(q("jabber:client", "status")) == "after cancel",
                                 "presence after the subscription was cancelled")

    # --- §3.3 unsubscribing
    def test_3_3_unsubscribe(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic)   # u: to, c: from
        iu.subscribe(ic.bare, "unsubscribe")
        # user: To + unsubscribe -> None
        iu.wait_push_state(ic.bare, "none")
        # contact: From + unsubscribe -> None; delivered with the user's bare JID
        p = ic.wait_presence(iu.bare, "unsubscribe", full=False)
        self.assertEqual(p.get("from"), iu.bare, to_string(p))
        ic.wait_push_state(iu.bare, "none")
        # §3.3.3: unavailable presence from the contact's available resources to the user
        iu.c.wait_for(self.unavailable_of(ic), what="unavailable presence of the contact after the "
                                                   "unsubscribe (RFC 6121 §3.3.3)")

    def test_3_3_unsubscribe_from_both_leaves_from(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic, both=True)
        iu.subscribe(ic.bare, "unsubscribe")
        iu.wait_push_state(ic.bare, "from")
        ic.wait_presence(iu.bare, "unsubscribe", full=False)
        ic.wait_push_state(iu.bare, "to")
        self.assertEqual(iu.roster_item(ic.bare).get("subscription"), "from")
        self.assertEqual(ic.roster_item(iu.bare).get("subscription"), "to")

    def test_3_3_3_unsubscribe_while_contact_offline_updates_contact_roster(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic, both=True)
        ic.c.close()
        iu.wait_presence(ic.jid, "unavailable", full=True)
        iu.subscribe(ic.bare, "unsubscribe")
        iu.wait_push_state(ic.bare, "from")
        iu.ping()
        ic2 = self.session(ic.user, presence=False)
        item = ic2.roster_item(iu.bare)
        self.assertIsNotNone(item)
        self.assertEqual(item.get("subscription"), "to", "RFC 6121 §3.3.3 / Appendix A.3: Both + inbound "
                         "unsubscribe -> To, also while the contact is offline: %s" % to_string(item))

    def test_3_2_3_cancel_while_user_offline_updates_user_roster(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic)     # u: to, c: from
        iu.c.close()
        ic.subscribe(iu.bare, "unsubscribed")
        ic.wait_push_state(iu.bare, "none")
        ic.ping()
        iu2 = self.session(iu.user, presence=False)
        item = iu2.roster_item(ic.bare)
        self.assertIsNotNone(item)
        self.assertEqual(item.get("subscription", "none"), "none", "RFC 6121 §3.2.3: To + inbound "
                         "unsubscribed -> None, also while the user is offline: %s" % to_string(item))

    # --- Appendix A: reaching 'both'
    def test_appendix_a_both(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic, both=True)
        iu_item = iu.roster_item(ic.bare)
        ic_item = ic.roster_item(iu.bare)
        self.assertEqual((iu_item.get("subscription"), iu_item.get("ask")), ("both", None), to_string(iu_item))
        self.assertEqual((ic_item.get("subscription"), ic_item.get("ask")), ("both", None), to_string(ic_item))

    def test_appendix_a_subscribe_while_pending_in_keeps_state(self):
        # A.3.1 None + Pending In: the contact subscribes back before answering: the
        # contact's item shows ask=subscribe; the user still has the pending request.
        iu, ic = self.pair()
        iu.subscribe(ic.bare)
        iu.wait_push_state(ic.bare, "none", "subscribe")
        ic.wait_presence(iu.bare, "subscribe", full=False)
        ic.subscribe(iu.bare)
        ic.wait_push_state(iu.bare, "none", "subscribe")
        iu.wait_presence(ic.bare, "subscribe", full=False)
        # now both approve: both sides end in 'both'
        iu.subscribe(ic.bare, "subscribed")
        ic.subscribe(iu.bare, "subscribed")
        iu.wait_push_state(ic.bare, "both")
        ic.wait_push_state(iu.bare, "both")

    # --- §2.5.2 removing an item with a subscription
    def test_2_5_2_remove_item_cancels_both_directions(self):
        iu, ic = self.pair()
        self.make_subscribed(iu, ic, both=True)
        reply = iu.roster_remove(ic.bare)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        iu.wait_push(ic.bare, lambda i: i.get("subscription") == "remove")
        # §2.5.2: the user's server sends unsubscribe and unsubscribed to the contact.
        p1 = ic.wait_presence(iu.bare, "unsubscribe", full=False)
        p2 = ic.wait_presence(iu.bare, "unsubscribed", full=False)
        self.assertEqual((p1.get("from"), p2.get("from")), (iu.bare, iu.bare))
        ic.wait_push_state(iu.bare, "none")
        # the user's resource goes unavailable for the contact
        ic.c.wait_for(self.unavailable_of(iu), what="unavailable presence of the user after the removal")

    def test_2_5_2_remove_item_with_from_subscription_sends_unsubscribed(self):
        iu, ic = self.pair()
        self.make_subscribed(ic, iu)        # c subscribed to u: u has 'from', c has 'to'
        self.assertEqual(iu.roster_remove(ic.bare).get("type"), "result")
        iu.wait_push(ic.bare, lambda i: i.get("subscription") == "remove")
        p = ic.wait_presence(iu.bare, "unsubscribed", full=False)
        self.assertEqual(p.get("from"), iu.bare, to_string(p))
        ic.wait_push_state(iu.bare, "none")
        ic.c.wait_for(self.unavailable_of(iu), what="unavailable presence of the user after the removal")

    def test_2_5_2_remove_item_with_pending_out_cancels_request(self):
        # Removing an item with a pending outbound request: the request is cancelled
        # (unsubscribe); the contact is not asked again at the next login.
        u, c = self.fresh_users(2)
        iu = self.session(u)
        cb = "%s@%s" % (c, DOMAIN)
        iu.subscribe(cb)
        iu.wait_push_state(cb, "none", "subscribe")
        self.assertEqual(iu.roster_remove(cb).get("type"), "result")
        iu.wait_push(cb, lambda i: i.get("subscription") == "remove")
        ic = self.session(c)
        self.assert_not_received(iu, [ic], is_subscription_presence(iu.bare, "subscribe"),
                                 "a subscription request that the user cancelled by removing the item")

    # --- §3.4 pre-approval
    def preapproval_supported(self):
        c = self.client()
        c.open_stream()
        c.starttls()
        (u,) = self.fresh_users(1)
        c.authenticate(u, self.users[u], mech=DEFAULT_MECH)
        feats = c.open_stream()
        c.close()
        return feats.find(q(NS_PREAPPROVAL, "sub")) is not None

    def test_3_4_preapproval(self):
        if not self.preapproval_supported():
            self.skipTest("no <sub xmlns='%s'/> stream feature (pre-approval is optional)" % NS_PREAPPROVAL)
        iu, ic = self.pair()
        # the contact pre-approves the user
        ic.subscribe(iu.bare, "subscribed")
        item = ic.wait_push(iu.bare)[1]
        self.assertEqual((item.get("subscription", "none"), item.get("approved")), ("none", "true"),
                         "RFC 6121 §3.4.2: push with approved='true': %s" % to_string(item))
        # not routed to the user
        self.assert_not_received(ic, [iu], is_subscription_presence(ic.bare, "subscribed"),
                                 "a pre-approval (RFC 6121 §3.4.2: not routed)")
        # the user subscribes: auto-approved, not delivered to the contact
        iu.subscribe(ic.bare)
        iu.wait_presence(ic.bare, "subscribed", full=False)
        iu.wait_push_state(ic.bare, "to")
        ic.wait_push_state(iu.bare, "from")
        self.assert_not_received(iu, [ic], is_subscription_presence(iu.bare, "subscribe"),
                                 "a pre-approved subscription request (RFC 6121 §3.4.3)")


def make_slix(jid, password, auto_authorize=True, auto_subscribe=True):
    xmpp = slixmpp_client(jid, password, DEFAULT_MECH)
    # slixmpp's own roster policy answers subscription requests
    xmpp.roster.auto_authorize = auto_authorize
    xmpp.roster.auto_subscribe = auto_subscribe
    xmpp.session_started = xmpp.loop.create_future()
    xmpp.changed = asyncio.Event()
    xmpp.got_subscribe = asyncio.Event()

    async def on_session_start(_event):
        try:
            await xmpp.get_roster(timeout=10)   # an interested resource (RFC 6121 §2.2)
            xmpp.send_presence()                # and an available one
        except Exception as e:  # noqa: BLE001
            if not xmpp.session_started.done():
                xmpp.session_started.set_exception(AssertionError("%s: roster get failed: %r" % (jid, e)))
            return
        if not xmpp.session_started.done():
            xmpp.session_started.set_result(True)

    def on_failed(event):
        if not xmpp.session_started.done():
            xmpp.session_started.set_exception(AssertionError("%s: %s" % (jid, event)))

    def on_change(_event):
        xmpp.changed.set()

    def on_subscribe(_event):
        xmpp.got_subscribe.set()
        xmpp.changed.set()

    xmpp.add_event_handler("session_start", on_session_start)
    for ev in ("failed_auth", "failed_all_auth", "connection_failed"):
        xmpp.add_event_handler(ev, on_failed)
    for ev in ("roster_update", "changed_subscription", "presence_subscribed", "roster_subscription_request",
               "presence_available", "got_online"):
        xmpp.add_event_handler(ev, on_change)
    xmpp.add_event_handler("presence_subscribe", on_subscribe)
    xmpp.session_started.add_done_callback(lambda f: f.cancelled() or f.exception())
    return xmpp


@unittest.skipIf(slixmpp is None, "slixmpp is not installed (run with /usr/bin/python3)")
class SlixmppSubscriptionTest(SlixmppLoop, ImTestCase):
    """Two slixmpp clients: roster add, subscription both ways (slixmpp's own roster
    handling answers the requests), and both rosters end in 'both'."""

    async def connect(self, user, **kw):
        xmpp = make_slix("%s@%s/slix" % (user, DOMAIN), self.users[user], **kw)
        self.clients.append(xmpp)
        xmpp.connect(("127.0.0.1", self.server.port), force_starttls=True)
        await asyncio.wait_for(xmpp.session_started, 15)
        return xmpp

    async def until(self, xmpp, cond, what, timeout=15):
        """Waits (event-driven, bounded) until cond() holds."""
        loop = asyncio.get_event_loop()
        deadline = loop.time() + timeout
        while not cond():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError("timed out waiting for %s" % what)
            xmpp.changed.clear()
            try:
                await asyncio.wait_for(xmpp.changed.wait(), min(remaining, 1.0))
            except asyncio.TimeoutError:
                pass

    def test_slixmpp_subscription_round_trip(self):
        u, c = self.fresh_users(2)

        async def scenario():
            # b approves any request and subscribes back; a approves b's request
            a = await self.connect(u, auto_authorize=True, auto_subscribe=False)
            b = await self.connect(c, auto_authorize=True, auto_subscribe=True)
            ab, bb = "%s@%s" % (u, DOMAIN), "%s@%s" % (c, DOMAIN)
            await a.update_roster(bb, name="Bee", groups=["Friends"])
            a.send_presence_subscription(pto=bb)

            def sub(x, jid):
                return x.client_roster[jid]["subscription"] if jid in x.client_roster else None

            await self.until(a, lambda: sub(a, bb) == "both", "a's roster item for b to be 'both' "
                             "(now %r)" % sub(a, bb))
            await self.until(b, lambda: sub(b, ab) == "both", "b's roster item for a to be 'both'")
            # presence flows both ways now
            await self.until(a, lambda: bool(a.client_roster.presence(bb)), "b's presence at a")
            await self.until(b, lambda: bool(b.client_roster.presence(ab)), "a's presence at b")

        self.run_scenario(scenario(), 60)
        # The server's stored roster agrees (raw client, no roster versioning).
        check = self.session(u, presence=False)
        item = check.roster_item("%s@%s" % (c, DOMAIN))
        self.assertIsNotNone(item, "the item slixmpp added is not in the stored roster")
        self.assertEqual(item.get("subscription"), "both", to_string(item))
        self.assertEqual(item.get("name"), "Bee", to_string(item))
        self.assertEqual(groups_of(item), ["Friends"], to_string(item))


if __name__ == "__main__":
    unittest.main()
