"""RFC 6121 §2 (managing the roster) and §2.6 / XEP-0237 (roster versioning), raw client.

Every test uses accounts of its own (ImTestCase.fresh_users), so the roster starts empty.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (DEFAULT_MECH, NS_CLIENT, DOMAIN, q, stanza_error_condition,  # noqa: E402
                     to_string)
from im_helpers import (ITEM, NS_ROSTERVER, QUERY, ImTestCase, Im,  # noqa: E402
                        groups_of, is_roster_push, unique_name)


def contact_jid(prefix="contact"):
    """A JID for a roster item; it need not be an account."""
    return "%s@%s" % (unique_name(prefix), DOMAIN)


class RosterTest(ImTestCase):

    def assertStanzaError(self, reply, condition, section):
        self.assertEqual(reply.get("type"), "error", "RFC 6121 %s: expected an error, got %s"
                         % (section, to_string(reply)))
        cond, _ = stanza_error_condition(reply)
        allowed = (condition,) if isinstance(condition, str) else tuple(condition)
        self.assertIn(cond, allowed, "RFC 6121 %s: wrong error condition: %s" % (section, to_string(reply)))

    # --- §2.1.3 / §2.1.4 roster get
    def test_2_1_3_roster_get_empty_roster(self):
        # §2.1.4: a roster with no items is returned as an empty <query/>, not as an error and
        # not as an empty IQ result (the client sent no 'ver').
        (u,) = self.fresh_users(1)
        im = self.session(u, roster=False, presence=False)
        reply = im.roster_get()
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        query = reply.find(QUERY)
        self.assertIsNotNone(query, "RFC 6121 §2.1.4: result without <query/>: %s" % to_string(reply))
        self.assertEqual(query.findall(ITEM), [], to_string(reply))
        self.assertIn(reply.get("to"), (None, im.jid), to_string(reply))

    def test_2_1_3_roster_get_returns_items(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        a, b = contact_jid("a"), contact_jid("b")
        self.assertEqual(im.roster_set(a, name="Alpha", groups=["Friends", "Work"]).get("type"), "result")
        self.assertEqual(im.roster_set(b).get("type"), "result")
        items = im.roster_items()
        self.assertEqual(sorted(items), sorted([a, b]), [to_string(i) for i in items.values()])
        ia = items[a]
        self.assertEqual(ia.get("name"), "Alpha", to_string(ia))
        self.assertEqual(groups_of(ia), ["Friends", "Work"], to_string(ia))
        # §2.1.2.5: the default subscription state is "none"; the server MUST include it (or
        # its absence means none).
        self.assertIn(ia.get("subscription"), (None, "none"), to_string(ia))
        self.assertIsNone(ia.get("ask"), to_string(ia))
        ib = items[b]
        self.assertIn(ib.get("name"), (None, ""), to_string(ib))
        self.assertEqual(groups_of(ib), [], to_string(ib))

    def test_2_1_4_large_roster_complete(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        jids = ["bulk%03d-%s@%s" % (i, unique_name("x"), DOMAIN) for i in range(150)]
        # pipelined roster sets, then the results
        ids = []
        for i, j in enumerate(jids):
            iq_id = "bulk%d" % i
            ids.append(iq_id)
            im.c.send("<iq type='set' id='%s'><query xmlns='jabber:iq:roster'><item jid='%s' name='n%d'>"
                      "<group>g%d</group></item></query></iq>" % (iq_id, j, i, i % 7))
        for iq_id in ids:
            r = im.c.wait_for(lambda e, i=iq_id: e.tag == q(NS_CLIENT, "iq") and e.get("id") == i,
                              what="result %s" % iq_id)
            self.assertEqual(r.get("type"), "result", to_string(r))
        items = im.roster_items()
        self.assertEqual(sorted(items), sorted(jids), "roster incomplete: %d of %d items"
                         % (len(set(items) & set(jids)), len(jids)))
        for i, j in enumerate(jids):
            self.assertEqual(items[j].get("name"), "n%d" % i, to_string(items[j]))
            self.assertEqual(groups_of(items[j]), ["g%d" % (i % 7)], to_string(items[j]))

    def test_2_1_3_roster_is_per_account(self):
        u, v = self.fresh_users(2)
        iu = self.session(u, presence=False)
        iv = self.session(v, presence=False)
        j = contact_jid()
        self.assertEqual(iu.roster_set(j).get("type"), "result")
        self.assertEqual(iv.roster_items(), {}, "an item added by %s shows in %s's roster" % (u, v))

    # --- §2.3 add, §2.1.6 pushes
    def test_2_3_2_roster_set_result_and_push_to_requester(self):
        (u,) = self.fresh_users(1)
        im = self.session(u)
        j = contact_jid()
        reply = im.roster_set(j, name="Nurse", groups=["Servants"])
        self.assertEqual(reply.get("type"), "result", "RFC 6121 §2.3.2: %s" % to_string(reply))
        # §2.3.2: the push goes to all interested resources, including the one that sent the set.
        push, item = im.wait_push(j)
        self.assertEqual(item.get("name"), "Nurse", to_string(push))
        self.assertEqual(groups_of(item), ["Servants"], to_string(push))
        self.assertIn(item.get("subscription"), (None, "none"), to_string(push))
        self.assertEqual(push.get("to") in (None, im.jid), True, to_string(push))

    def test_2_3_2_push_to_all_interested_resources(self):
        (u,) = self.fresh_users(1)
        r1 = self.session(u, resource="one")
        r2 = self.session(u, resource="two", presence=False)  # interested, not available
        r3 = self.session(u, resource="three")
        j = contact_jid()
        self.assertEqual(r1.roster_set(j, name="X").get("type"), "result")
        for r in (r1, r2, r3):
            with self.subTest(resource=r.jid):
                push, item = r.wait_push(j)
                self.assertEqual(item.get("name"), "X", to_string(push))
                self.assertIn(push.get("to"), (None, r.jid), to_string(push))

    def test_2_2_push_not_sent_to_non_interested_resource(self):
        # §2.2: roster pushes go to interested resources (those that requested the roster).
        # A resource that never requested the roster is not interested; it gets no push.
        (u,) = self.fresh_users(1)
        r1 = self.session(u, resource="asker")
        quiet = self.session(u, resource="quiet", roster=False, presence=False)
        j = contact_jid()
        self.assertEqual(r1.roster_set(j).get("type"), "result")
        r1.wait_push(j)
        # a marker from r1 to the quiet resource orders behind the push
        self.assert_not_received(r1, [quiet], is_roster_push(j), "a roster push to a resource that "
                                 "never requested the roster (RFC 6121 §2.2: only interested resources)")

    def test_2_1_2_item_jid_is_normalized(self):
        # RFC 7622 §3.2/§3.3 (RFC 6121 §2.1.2.4: 'jid' is a JID): localpart and domainpart are
        # case-insensitive; two spellings are one item.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        name = unique_name("mixed")
        self.assertEqual(im.roster_set("%s@%s" % (name.upper(), DOMAIN.upper()), name="one").get("type"),
                         "result")
        self.assertEqual(im.roster_set("%s@%s" % (name, DOMAIN), name="two").get("type"), "result")
        items = im.roster_items()
        self.assertEqual(len(items), 1, "one contact, two roster items: %s"
                         % [to_string(i) for i in items.values()])
        (item,) = items.values()
        self.assertEqual(item.get("name"), "two", to_string(item))

    def test_2_1_2_name_and_group_text_round_trip(self):
        # Names and groups are XML character data; markup characters and non-ASCII text come
        # back unchanged.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        name = "R&D <lab> \"q\" 'a' \u00e9\u4e2d\U0001F600"
        group = "Fr\u00fcnde & <Co>"
        self.assertEqual(im.roster_set(j, name=name, groups=[group]).get("type"), "result")
        item = im.roster_item(j)
        self.assertEqual(item.get("name"), name, to_string(item))
        self.assertEqual(groups_of(item), [group], to_string(item))

    # --- §2.4 update
    def test_2_4_update_item_name_and_groups(self):
        (u,) = self.fresh_users(1)
        im = self.session(u)
        j = contact_jid()
        self.assertEqual(im.roster_set(j, name="Old", groups=["G1"]).get("type"), "result")
        im.wait_push(j)
        reply = im.roster_set(j, name="New", groups=["G2", "G3"])
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        push, item = im.wait_push(j, lambda i: i.get("name") == "New")
        self.assertEqual(groups_of(item), ["G2", "G3"], to_string(push))
        stored = im.roster_item(j)
        self.assertIsNotNone(stored)
        self.assertEqual(stored.get("name"), "New", to_string(stored))
        self.assertEqual(groups_of(stored), ["G2", "G3"], to_string(stored))

    def test_2_4_update_without_groups_removes_groups(self):
        # §2.4.1: the roster set replaces the item; an item with no <group/> is in no group.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        im.roster_set(j, name="N", groups=["G"])
        self.assertEqual(im.roster_set(j, name="N").get("type"), "result")
        stored = im.roster_item(j)
        self.assertEqual(groups_of(stored), [], to_string(stored))

    def test_2_1_2_5_subscription_attribute_in_set_is_not_applied(self):
        # §2.1.2.5: a client cannot set the subscription state with a roster set (only
        # 'remove' has a meaning there); the item must not end up as 'both'.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        reply = im.roster_set(j, extra_attrs="subscription='both'")
        if reply.get("type") == "error":
            self.assertEqual(stanza_error_condition(reply)[0], "bad-request", to_string(reply))
            return
        stored = im.roster_item(j)
        self.assertIsNotNone(stored, "item not added")
        self.assertIn(stored.get("subscription"), (None, "none"),
                      "RFC 6121 §2.1.2.5: the client set the subscription state: %s" % to_string(stored))

    def test_2_1_2_ask_and_approved_attributes_in_set_are_ignored(self):
        # §2.1.2.1 approved / §2.1.2.2 ask: set by the server only; a client-supplied value
        # is ignored.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        reply = im.roster_set(j, extra_attrs="ask='subscribe' approved='true'")
        if reply.get("type") == "error":
            self.assertEqual(stanza_error_condition(reply)[0], "bad-request", to_string(reply))
            return
        stored = im.roster_item(j)
        self.assertIsNotNone(stored, "item not added")
        self.assertIsNone(stored.get("ask"), "client-supplied ask kept: %s" % to_string(stored))
        self.assertNotIn(stored.get("approved"), ("true", "1"),
                         "client-supplied approved kept: %s" % to_string(stored))

    # --- §2.3.3 error cases
    def test_2_3_3_more_than_one_item_bad_request(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        a, b = contact_jid(), contact_jid()
        reply = im.roster_set_raw("<item jid='%s'/><item jid='%s'/>" % (a, b))
        self.assertStanzaError(reply, "bad-request", "§2.3.3 (more than one <item/>)")
        self.assertEqual(im.roster_items(), {}, "an item of the refused set was stored")

    def test_2_3_3_duplicate_group_bad_request(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        reply = im.roster_set_raw("<item jid='%s'><group>dup</group><group>dup</group></item>" % j)
        self.assertStanzaError(reply, "bad-request", "§2.3.3 (duplicate <group/>)")
        self.assertEqual(im.roster_items(), {}, "the refused item was stored")

    def test_2_3_3_empty_group_not_acceptable(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        reply = im.roster_set_raw("<item jid='%s'><group></group></item>" % j)
        self.assertStanzaError(reply, "not-acceptable", "§2.3.3 (zero-length <group/>)")
        self.assertEqual(im.roster_items(), {}, "the refused item was stored")

    def test_2_3_3_roster_set_to_other_account_forbidden(self):
        # §2.3.3: <forbidden/> if the sender is not authorized to update the roster (only
        # the account's own resources are).
        u, v = self.fresh_users(2)
        iu = self.session(u, presence=False)
        iv = self.session(v, presence=False)
        j = contact_jid()
        reply = iu.roster_set_raw("<item jid='%s'/>" % j, to=iv.bare)
        self.assertStanzaError(reply, "forbidden", "§2.3.3 (roster set to another account)")
        self.assertEqual(iv.roster_items(), {}, "%s changed %s's roster" % (u, v))
        self.assertEqual(iu.roster_items(), {}, "the set to another account changed the sender's roster")

    def test_2_3_3_roster_set_to_own_bare_jid_allowed(self):
        # A roster set addressed to the user's own bare JID is the same as one without 'to'
        # (RFC 6120 §10.3.3: a stanza to the account is handled on its behalf).
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        reply = im.roster_set_raw("<item jid='%s'/>" % j, to=im.bare)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        self.assertIn(j, im.roster_items())

    def test_2_1_2_malformed_item_jid_is_refused(self):
        # §2.1.2.4: 'jid' is a JID. One that is not (empty localpart) is refused: RFC 6120
        # §8.3.3.8 jid-malformed; bad-request is also seen for invalid roster sets.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        for bad in ("@%s" % DOMAIN, "a@b@%s" % DOMAIN, ""):
            with self.subTest(jid=bad):
                reply = im.roster_set_raw("<item jid='%s'/>" % bad)
                self.assertStanzaError(reply, ("jid-malformed", "bad-request"), "§2.1.2.4 (invalid 'jid')")
        self.assertEqual(im.roster_items(), {})

    def test_2_3_3_item_without_jid_bad_request(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        reply = im.roster_set_raw("<item name='nobody'/>")
        self.assertStanzaError(reply, ("bad-request", "jid-malformed"), "§2.1.2.4 (item without 'jid')")

    def test_2_1_5_roster_set_without_item_bad_request(self):
        # §2.1.5: a roster set contains exactly one <item/>.
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        reply = im.roster_set_raw("")
        self.assertStanzaError(reply, "bad-request", "§2.1.5 / §2.3.3 (roster set without item)")

    # --- §2.5 delete
    def test_2_5_2_remove_result_push_and_gone(self):
        (u,) = self.fresh_users(1)
        r1 = self.session(u, resource="one")
        r2 = self.session(u, resource="two", presence=False)
        j = contact_jid()
        self.assertEqual(r1.roster_set(j, name="Gone", groups=["G"]).get("type"), "result")
        r1.wait_push(j)
        r2.wait_push(j)
        reply = r1.roster_remove(j)
        self.assertEqual(reply.get("type"), "result", "RFC 6121 §2.5.2: %s" % to_string(reply))
        for r in (r1, r2):
            with self.subTest(resource=r.jid):
                push, item = r.wait_push(j, lambda i: i.get("subscription") == "remove")
                self.assertEqual(item.get("subscription"), "remove", to_string(push))
        self.assertNotIn(j, r1.roster_items(), "RFC 6121 §2.5.2: the item is still in the roster")

    def test_2_5_3_remove_nonexistent_item_not_found(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        reply = im.roster_remove(contact_jid("never-added"))
        self.assertStanzaError(reply, "item-not-found", "§2.5.3")

    def test_2_5_remove_then_add_again(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        im.roster_set(j, name="first")
        self.assertEqual(im.roster_remove(j).get("type"), "result")
        self.assertEqual(im.roster_set(j, name="second").get("type"), "result")
        item = im.roster_item(j)
        self.assertIsNotNone(item)
        self.assertEqual(item.get("name"), "second", to_string(item))
        self.assertIn(item.get("subscription"), (None, "none"), to_string(item))

    # --- §2.1.6 pushes are not answered by the server with errors, client result is fine
    def test_2_1_6_push_has_id_and_is_iq_set(self):
        (u,) = self.fresh_users(1)
        im = self.session(u, presence=False)
        j = contact_jid()
        im.roster_set(j)
        push, _ = im.wait_push(j)
        self.assertTrue(push.get("id"), "RFC 6120 §8.2.3: an IQ carries an 'id': %s" % to_string(push))
        # The client's result to the push (sent by wait_push) is not answered.
        self.assert_quiet(im, lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == push.get("id"),
                        "the server answered the client's result to a roster push", timeout=0.5)


class RosterVersioningTest(ImTestCase):
    """RFC 6121 §2.6 (XEP-0237): the server advertises <ver xmlns='urn:xmpp:features:rosterver'/>."""

    def features_after_sasl(self, user):
        c = self.client()
        c.open_stream()
        c.starttls()
        res = c.authenticate(user, self.users[user], mech=DEFAULT_MECH)
        self.assertTrue(res.ok, repr(res))
        feats = c.open_stream()
        c.bind(unique_name("r"))
        return c, feats

    def versioned_session(self, user):
        c, feats = self.features_after_sasl(user)
        if feats.find(q(NS_ROSTERVER, "ver")) is None:
            self.fail("RFC 6121 §2.6.1: no <ver xmlns='%s'/> stream feature after authentication: %s"
                      % (NS_ROSTERVER, to_string(feats)))
        return Im(self, c, user)

    def test_2_6_1_stream_feature_advertised(self):
        (u,) = self.fresh_users(1)
        self.versioned_session(u)

    def test_2_6_3_empty_ver_returns_full_roster_with_ver(self):
        (u,) = self.fresh_users(1)
        im = self.versioned_session(u)
        j = contact_jid()
        self.assertEqual(im.roster_set(j).get("type"), "result")
        reply = im.roster_get(ver="")
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        query = reply.find(QUERY)
        self.assertIsNotNone(query, "RFC 6121 §2.6.3: ver='' asks for the whole roster: %s" % to_string(reply))
        self.assertTrue(query.get("ver"), "RFC 6121 §2.6.3: the roster result carries 'ver': %s"
                        % to_string(reply))
        self.assertIn(j, [i.get("jid") for i in query.findall(ITEM)], to_string(reply))

    def test_2_6_3_unchanged_ver_returns_empty_result(self):
        (u,) = self.fresh_users(1)
        im = self.versioned_session(u)
        im.roster_set(contact_jid())
        first = im.roster_get(ver="")
        ver = first.find(QUERY).get("ver")
        self.assertTrue(ver, to_string(first))
        again = im.roster_get(ver=ver)
        self.assertEqual(again.get("type"), "result", to_string(again))
        # §2.6.3: the server MUST return the complete roster or an empty result, and SHOULD
        # return the empty result when the version is the current one and it knows it.
        self.assertIsNone(again.find(QUERY), "RFC 6121 §2.6.3 (SHOULD): with the current version, an "
                                            "empty IQ result: %s" % to_string(again))

    def test_2_6_3_unchanged_ver_is_stable_across_sessions(self):
        (u,) = self.fresh_users(1)
        im = self.versioned_session(u)
        im.roster_set(contact_jid())
        ver = im.roster_get(ver="").find(QUERY).get("ver")
        im.c.close()
        im2 = self.versioned_session(u)
        again = im2.roster_get(ver=ver)
        self.assertEqual(again.get("type"), "result", to_string(again))
        self.assertIsNone(again.find(QUERY), "RFC 6121 §2.6.3 (SHOULD): unchanged roster, new session: "
                                            "expected an empty result: %s" % to_string(again))

    def test_2_6_4_push_carries_ver_and_it_changes(self):
        (u,) = self.fresh_users(1)
        im = self.versioned_session(u)
        ver0 = im.roster_get(ver="").find(QUERY).get("ver")
        j = contact_jid()
        im.roster_set(j)
        push, _ = im.wait_push(j)
        ver1 = push.find(QUERY).get("ver")
        self.assertTrue(ver1, "RFC 6121 §2.6.4: a roster push includes 'ver': %s" % to_string(push))
        self.assertNotEqual(ver1, ver0, "the version did not change with the roster")
        # The pushed version is the current one.
        again = im.roster_get(ver=ver1)
        self.assertEqual(again.get("type"), "result", to_string(again))
        self.assertIsNone(again.find(QUERY), "the 'ver' of the last push is not the current version: %s"
                          % to_string(again))
        # Removing changes it again.
        im.roster_remove(j)
        push2, _ = im.wait_push(j, lambda i: i.get("subscription") == "remove")
        ver2 = push2.find(QUERY).get("ver")
        self.assertTrue(ver2, to_string(push2))
        self.assertNotIn(ver2, (ver0, ver1), "the version did not change on removal")

    def test_2_6_3_stale_ver_gets_roster_or_pushes(self):
        # §2.6.3: with an old version the server either returns the whole roster or an empty
        # result followed by roster pushes of the changes.
        (u,) = self.fresh_users(1)
        im = self.versioned_session(u)
        ver0 = im.roster_get(ver="").find(QUERY).get("ver")
        j = contact_jid()
        im.roster_set(j, name="later")
        im.wait_push(j)
        reply = im.roster_get(ver=ver0)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        query = reply.find(QUERY)
        if query is not None:
            self.assertIn(j, [i.get("jid") for i in query.findall(ITEM)], to_string(reply))
            self.assertTrue(query.get("ver"), to_string(reply))
        else:
            push, item = im.wait_push(j)
            self.assertEqual(item.get("name"), "later", to_string(push))


if __name__ == "__main__":
    unittest.main()
