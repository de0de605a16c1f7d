"""RFC 6121 §5 (exchanging messages) and §8.5 (server rules for stanzas to local accounts),
with offline storage (XEP-0160, delivered with XEP-0203 <delay/>). Raw client.

`s` is the sender, `r*` resources of the recipient. Resource priorities are set with initial
presence; every session waits for the reflection of its own presence (or a ping) before
the test goes on.
"""

import datetime
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import DOMAIN, NS_CLIENT, q, stanza_error_condition, to_string, xml_escape  # noqa: E402
from im_helpers import (MESSAGE, NS_DELAY, ImTestCase, is_message_id,  # noqa: E402
                        unique_name)

BODY = q(NS_CLIENT, "body")
DELAY = q(NS_DELAY, "delay")
STAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def parse_stamp(stamp):
    s = stamp.replace("Z", "+00:00")
    if "." in s:
        head, rest = s.split(".", 1)
        frac = re.match(r"\d+", rest).group(0)
        s = head + "." + frac[:6].ljust(6, "0") + rest[len(frac):]
    return datetime.datetime.fromisoformat(s)


class MessageTest(ImTestCase):

    def recipients(self, priorities, user=None, roster=False):
        """One account with a resource per priority (None: connected, not available)."""
        if user is None:
            (user,) = self.fresh_users(1, prefix="rcpt")
        out = []
        for i, prio in enumerate(priorities):
            if prio is None:
                out.append(self.session(user, resource="r%d" % i, roster=roster, presence=False))
            else:
                out.append(self.session(user, resource="r%d" % i, roster=roster, priority=prio))
        return out

    def sender(self):
        (s,) = self.fresh_users(1, prefix="snd")
        return self.session(s, resource="s", roster=False)

    def send(self, sender, to, type_="chat", body=None):
        body = body or unique_name("body-")
        if type_ is None:
            mid = sender.c.next_id("m")
            sender.c.send("<message to='%s' id='%s'><body>%s</body></message>" % (xml_escape(to), mid, body))
        else:
            mid = sender.c.send_message(to, body, type_=type_)
        return mid, body

    def expect_error(self, sender, mid, condition="service-unavailable", section=""):
        err = sender.c.wait_message(is_message_id(mid))
        self.assertEqual(err.get("type"), "error", "RFC 6121 %s: %s" % (section, to_string(err)))
        self.assertEqual(stanza_error_condition(err)[0], condition, "RFC 6121 %s: %s" % (section, to_string(err)))
        return err

    def check_delay(self, msg, before, after):
        delay = msg.find(DELAY)
        self.assertIsNotNone(delay, "XEP-0160/XEP-0203: an offline message carries <delay xmlns='%s'/>: %s"
                             % (NS_DELAY, to_string(msg)))
        self.assertEqual(delay.get("from"), DOMAIN, to_string(msg))
        stamp = delay.get("stamp") or ""
        self.assertRegex(stamp, STAMP_RE, "XEP-0082 DateTime: %s" % to_string(msg))
        when = parse_stamp(stamp)
        self.assertIsNotNone(when.tzinfo, stamp)
        self.assertGreaterEqual(when.timestamp(), before - 2, "stamp before the message was sent: %s" % stamp)
        self.assertLessEqual(when.timestamp(), after + 2, "stamp after the message was delivered: %s" % stamp)

    # --- §8.5.2.1.1 bare JID, available resources
    def test_8_5_2_1_1_chat_to_bare_single_resource_to_not_rewritten(self):
        s = self.sender()
        (r,) = self.recipients([0])
        mid, body = self.send(s, r.bare)
        msg = r.c.wait_message(is_message_id(mid))
        self.assertEqual(msg.get("from"), s.jid, to_string(msg))
        self.assertEqual(msg.get("to"), r.bare, "RFC 6121 §8.5.2.1.1: the server MUST NOT rewrite 'to' "
                                                "to the full JID: %s" % to_string(msg))
        self.assertEqual(msg.findtext(BODY), body)

    def check_highest_priority(self, type_):
        s = self.sender()
        low, high = self.recipients([1, 5])
        mid, _ = self.send(s, low.bare, type_)
        high.c.wait_message(is_message_id(mid))
        self.assert_not_received(s, [low], is_message_id(mid),
                                 "a %s message to the bare JID, at the lower-priority resource "
                                 "(RFC 6121 §8.5.2.1.1: highest priority)" % (type_ or "normal"))

    def test_8_5_2_1_1_chat_to_bare_highest_priority(self):
        self.check_highest_priority("chat")

    def test_8_5_2_1_1_normal_to_bare_highest_priority(self):
        self.check_highest_priority("normal")

    def test_8_5_2_1_1_message_without_type_to_bare_highest_priority(self):
        self.check_highest_priority(None)

    def test_8_5_2_1_1_equal_priority_at_least_one(self):
        s = self.sender()
        a, b = self.recipients([3, 3])
        mid, _ = self.send(s, a.bare)
        got = []
        for r in (a, b):
            # markers make the check deterministic for both resources
            marker = s.c.send_message(r.jid, "marker")
            r.c.wait_message(is_message_id(marker))
            if any(is_message_id(mid)(e) for e in r.c.queue):
                got.append(r.jid)
        self.assertTrue(got, "RFC 6121 §8.5.2.1.1: a chat message to the bare JID with two equal-priority "
                             "resources reached neither")

    def test_8_5_2_1_1_negative_priority_never_gets_bare_messages(self):
        s = self.sender()
        neg, zero = self.recipients([-1, 0])
        for type_ in ("chat", "normal", "headline"):
            with self.subTest(type=type_):
                mid, _ = self.send(s, neg.bare, type_)
                zero.c.wait_message(is_message_id(mid))
                self.assert_not_received(s, [neg], is_message_id(mid),
                                         "a %s message to the bare JID at a resource with negative "
                                         "priority (RFC 6121 §8.5.2.1.1)" % type_)

    def test_8_5_2_1_1_headline_to_all_non_negative(self):
        s = self.sender()
        r1, r2, neg = self.recipients([1, 5, -3])
        mid, _ = self.send(s, r1.bare, "headline")
        r1.c.wait_message(is_message_id(mid))
        r2.c.wait_message(is_message_id(mid))
        self.assert_not_received(s, [neg], is_message_id(mid), "a headline at a negative-priority resource")

    def test_8_5_2_1_1_groupchat_to_bare_service_unavailable(self):
        s = self.sender()
        r1, r2 = self.recipients([1, 0])
        mid, _ = self.send(s, r1.bare, "groupchat")
        self.expect_error(s, mid, "service-unavailable", "§8.5.2.1.1 (groupchat to a bare JID)")
        self.assert_not_received(s, [r1, r2], is_message_id(mid), "a groupchat message to the bare JID")

    def test_8_5_2_1_1_error_message_to_bare_ignored(self):
        # §8.5.2.1.1: a message of type error to the bare JID is silently ignored; and an error
        # is never answered with an error (RFC 6120 §8.3.1).
        s = self.sender()
        (r,) = self.recipients([0])
        s.c.send("<message to='%s' type='error' id='err1'><error type='cancel'>"
                 "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>" % r.bare)
        self.assert_not_received(s, [r], is_message_id("err1"), "a message of type error to the bare JID")
        self.assert_quiet(s, is_message_id("err1"), "an error message was answered", timeout=0.5)

    def test_8_5_2_1_1_connected_only_resource_gets_no_bare_message(self):
        # Only available resources count; a connected resource without presence gets nothing
        # and, when it is the only one, the message goes to offline storage.
        s = self.sender()
        avail, hidden = self.recipients([0, None])
        mid, _ = self.send(s, avail.bare)
        avail.c.wait_message(is_message_id(mid))
        self.assert_not_received(s, [hidden], is_message_id(mid), "a bare-JID message at a connected, "
                                 "not available resource")

    # --- §8.5.3 full JID
    def test_8_5_3_1_chat_to_full_jid_of_negative_resource_delivered(self):
        # An exact full-JID match is delivered whatever the priority.
        s = self.sender()
        neg, _ = self.recipients([-1, 0])
        mid, _ = self.send(s, neg.jid)
        msg = neg.c.wait_message(is_message_id(mid))
        self.assertEqual(msg.get("to"), neg.jid, to_string(msg))

    def test_8_5_3_2_1_chat_to_unbound_full_jid_goes_to_available_resource(self):
        s = self.sender()
        pos, neg = self.recipients([1, -1])
        mid, _ = self.send(s, pos.bare + "/no-such-resource")
        pos.c.wait_message(is_message_id(mid))
        self.assert_not_received(s, [neg], is_message_id(mid), "a chat message to an unbound full JID "
                                 "at a negative-priority resource")

    def test_8_5_3_2_1_normal_to_unbound_full_jid_not_delivered(self):
        # normal / headline / groupchat to a full JID without a match: ignored or an error,
        # never delivered to another resource.
        s = self.sender()
        r1, r2 = self.recipients([1, 2])
        for type_ in ("normal", "headline", "groupchat"):
            with self.subTest(type=type_):
                mid, _ = self.send(s, r1.bare + "/gone", type_)
                self.assert_not_received(s, [r1, r2], is_message_id(mid),
                                         "a %s message to an unbound full JID" % type_)
                for e in list(s.c.queue):
                    if is_message_id(mid)(e):
                        self.assertEqual(e.get("type"), "error", to_string(e))
                        s.c.queue.remove(e)

    # --- offline storage (§8.5.2.2 no available resources; XEP-0160)
    def test_8_5_2_2_1_offline_chat_delivered_with_delay(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        rb = "%s@%s" % (r, DOMAIN)
        before = time.time()
        mid, body = self.send(s, rb, "chat")
        self.assert_quiet(s, is_message_id(mid), "the sender got an answer to a message that is stored "
                          "offline", timeout=0.5)
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        msg = ir.c.wait_message(is_message_id(mid))
        after = time.time()
        self.assertEqual(msg.findtext(BODY), body)
        self.assertEqual(msg.get("from"), s.jid, "the stored message keeps the sender's full JID: %s"
                         % to_string(msg))
        self.assertEqual(msg.get("type"), "chat", to_string(msg))
        self.check_delay(msg, before, after)

    def test_xep0160_offline_message_payload_preserved(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        s.c.send("<message to='%s@%s' type='chat' id='rich1' xml:lang='de'><subject>Betreff</subject>"
                 "<body>Gr\u00fc\u00dfe &amp; &lt;tags&gt;</body><thread>th-9</thread>"
                 "<x xmlns='urn:example:ext'><y a='1'>keep</y></x></message>" % (r, DOMAIN))
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        msg = ir.c.wait_message(is_message_id("rich1"))
        self.assertEqual(msg.findtext(BODY), "Gr\u00fc\u00dfe & <tags>", to_string(msg))
        self.assertEqual(msg.findtext(q(NS_CLIENT, "subject")), "Betreff", to_string(msg))
        self.assertEqual(msg.findtext(q(NS_CLIENT, "thread")), "th-9", to_string(msg))
        y = msg.find("{urn:example:ext}x/{urn:example:ext}y")
        self.assertIsNotNone(y, to_string(msg))
        self.assertEqual((y.text, y.get("a")), ("keep", "1"), to_string(msg))
        self.assertEqual(msg.get("{http://www.w3.org/XML/1998/namespace}lang", "de"), "de", to_string(msg))

    def test_8_5_2_1_1_message_to_own_bare_jid(self):
        # The rules apply to the user's own account too: a chat to one's own bare JID goes to
        # the highest-priority resource.
        (u,) = self.fresh_users(1)
        low = self.session(u, resource="low", roster=False, priority=1)
        high = self.session(u, resource="high", roster=False, priority=9)
        mid, _ = self.send(low, low.bare)
        msg = high.c.wait_message(is_message_id(mid))
        self.assertEqual(msg.get("from"), low.jid, to_string(msg))

    def test_8_5_2_2_1_offline_normal_stored(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN), None)
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        ir.c.wait_message(is_message_id(mid))

    def test_8_5_2_2_1_offline_in_order_and_once(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        rb = "%s@%s" % (r, DOMAIN)
        bodies = ["first", "second", "third", "fourth"]
        ids = [self.send(s, rb, "chat", b)[0] for b in bodies]
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        got = []
        while len(got) < len(ids):
            m = ir.c.wait_message(lambda e: e.get("id") in ids)
            got.append(m.get("id"))
        self.assertEqual(got, ids, "offline messages out of order")
        ir.c.close()
        again = self.session(r, roster=False, presence=False)
        again.go_available()
        self.assert_not_received(s, [again], lambda e: e.tag == MESSAGE and e.get("id") in ids,
                                 "an offline message delivered a second time")

    def test_xep0160_many_offline_messages_complete_and_in_order(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        rb = "%s@%s" % (r, DOMAIN)
        ids = [self.send(s, rb, "chat", "n%03d" % i)[0] for i in range(60)]
        s.ping()
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        got = []
        while len(got) < len(ids):
            got.append(ir.c.wait_message(lambda e: e.get("id") in ids).get("id"))
        self.assertEqual(got, ids, "offline messages lost, duplicated or out of order")

    def test_8_5_2_2_message_while_only_connected_is_stored(self):
        # A bare-JID message while the user is connected but not available is handled as for
        # no available resources (stored), and delivered once the resource becomes available.
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        ir = self.session(r, roster=True, presence=False)
        mid, _ = self.send(s, ir.bare)
        self.assert_quiet(s, is_message_id(mid), "the sender got an answer to a message that should be "
                          "stored", timeout=0.5)
        self.assert_not_received(s, [ir], is_message_id(mid), "a bare-JID message at a connected, "
                                 "not available resource")
        ir.send_presence()
        msg = ir.c.wait_message(is_message_id(mid))
        self.assertIsNotNone(msg.find(DELAY), "stored message without <delay/>: %s" % to_string(msg))

    def test_xep0160_not_delivered_before_initial_presence(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN))
        ir = self.session(r, roster=True, presence=False)
        self.assert_not_received(s, [ir], is_message_id(mid), "an offline message before initial presence")
        ir.send_presence()
        ir.c.wait_message(is_message_id(mid))

    def test_xep0160_not_delivered_to_negative_priority(self):
        # XEP-0160: offline messages go to a resource with non-negative priority only; a
        # later resource with priority 0 gets them.
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN))
        ir = self.session(r, presence=False)
        ir.go_available(priority=-1)
        self.assert_not_received(s, [ir], is_message_id(mid),
                                 "an offline message at a resource with negative priority")
        other = self.session(r, presence=False)
        other.send_presence(priority=0)
        other.c.wait_message(is_message_id(mid))

    def test_xep0160_delivered_when_priority_becomes_non_negative(self):
        # XEP-0160 §3: "When the recipient next sends non-negative available presence to the
        # server, the server delivers the message to the resource that has sent that
        # presence" -- also a presence update from a negative priority.
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN))
        ir = self.session(r, presence=False)
        ir.go_available(priority=-1)
        ir.send_presence(priority=0)
        ir.c.wait_message(is_message_id(mid))

    def test_8_5_2_1_1_only_negative_resources_store_offline(self):
        # §8.5.2.1.1: if the only available resources have negative priority, the message is
        # handled as if there were no available resource (here: offline storage).
        s = self.sender()
        (neg,) = self.recipients([-1])
        mid, _ = self.send(s, neg.bare)
        self.assert_not_received(s, [neg], is_message_id(mid), "a bare-JID message at the only, "
                                 "negative-priority resource")
        pos = self.session(neg.user, resource="later", roster=False, presence=False)
        pos.send_presence(priority=1)
        msg = pos.c.wait_message(is_message_id(mid))
        self.assertIsNotNone(msg.find(DELAY), "stored message without <delay/>: %s" % to_string(msg))

    def test_8_5_2_2_1_headline_to_offline_ignored(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN), "headline")
        self.assert_quiet(s, is_message_id(mid), "a headline to an offline user was answered", timeout=0.5)
        ir = self.session(r, roster=False, presence=False)
        ir.go_available()
        self.assert_not_received(s, [ir], is_message_id(mid), "a headline stored offline "
                                 "(RFC 6121 §8.5.2.2.1: silently ignored)")

    def test_8_5_2_2_1_groupchat_to_offline_error(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s" % (r, DOMAIN), "groupchat")
        self.expect_error(s, mid, "service-unavailable", "§8.5.2.2.1 (groupchat, no available resource)")
        ir = self.session(r, roster=False, presence=False)
        ir.go_available()
        self.assert_not_received(s, [ir], is_message_id(mid), "a groupchat message stored offline")

    def test_8_5_2_2_1_error_to_offline_ignored_not_stored(self):
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        s.c.send("<message to='%s@%s' type='error' id='erroff'><error type='cancel'>"
                 "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>" % (r, DOMAIN))
        self.assert_quiet(s, is_message_id("erroff"), "an error message was answered", timeout=0.5)
        ir = self.session(r, roster=False, presence=False)
        ir.go_available()
        self.assert_not_received(s, [ir], is_message_id("erroff"), "an error message stored offline")

    def test_8_5_3_2_1_chat_to_full_jid_of_offline_user_stored_or_error(self):
        # §8.5.3.2.1: chat to a full JID with no available or connected resource: stored
        # offline or an error to the sender.
        s = self.sender()
        (r,) = self.fresh_users(1, prefix="off")
        mid, _ = self.send(s, "%s@%s/phone" % (r, DOMAIN))
        errs = []
        try:
            errs.append(s.c.wait_message(is_message_id(mid), timeout=1.0))
        except AssertionError:
            pass
        ir = self.session(r, roster=False, presence=False)
        ir.send_presence()
        if errs:
            self.assertEqual(errs[0].get("type"), "error", to_string(errs[0]))
            self.assertEqual(stanza_error_condition(errs[0])[0], "service-unavailable", to_string(errs[0]))
        else:
            ir.c.wait_message(is_message_id(mid))

    def test_8_5_error_messages_are_never_answered(self):
        # RFC 6120 §8.3.1 / RFC 6121 §8.5: a stanza of type error is never answered with an
        # error, whatever the address (unknown user, unbound resource, offline user).
        s = self.sender()
        (r,) = self.recipients([0])
        (off,) = self.fresh_users(1, prefix="off")
        ghost = "%s@%s" % (unique_name("ghost"), DOMAIN)
        targets = [ghost, ghost + "/x", r.bare + "/unbound", "%s@%s/x" % (off, DOMAIN)]
        ids = []
        for i, to in enumerate(targets):
            mid = "errmsg%d" % i
            ids.append(mid)
            s.c.send("<message to='%s' type='error' id='%s'><error type='cancel'>"
                     "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
                     % (to, mid))
        self.assert_not_received(s, [s, r], lambda e: e.tag == MESSAGE and e.get("id") in ids,
                                 "an error message (answered, or delivered to another resource)")

    # --- §8.5.1 no such user
    def test_8_5_1_message_to_unknown_user(self):
        s = self.sender()
        ghost = "%s@%s" % (unique_name("ghost"), DOMAIN)
        mid, _ = self.send(s, ghost)
        try:
            err = s.c.wait_message(is_message_id(mid), timeout=2.0)
        except AssertionError:
            return  # silently ignored: allowed
        self.assertEqual(err.get("type"), "error", to_string(err))
        self.assertEqual(stanza_error_condition(err)[0], "service-unavailable", to_string(err))

    def test_8_5_1_iq_to_unknown_user_service_unavailable(self):
        s = self.sender()
        ghost = "%s@%s" % (unique_name("ghost"), DOMAIN)
        for to in (ghost, ghost + "/res"):
            with self.subTest(to=to):
                res = s.c.iq("get", "<query xmlns='urn:example:whatever'/>", to=to)
                self.assertEqual(res.get("type"), "error", to_string(res))
                self.assertEqual(stanza_error_condition(res)[0], "service-unavailable", to_string(res))

    def test_8_5_2_1_3_iq_to_bare_jid_unknown_namespace(self):
        s = self.sender()
        (r,) = self.recipients([5])
        res = s.c.iq("get", "<query xmlns='urn:example:unknown-ns'/>", to=r.bare)
        self.assertEqual(res.get("type"), "error", to_string(res))
        self.assertEqual(stanza_error_condition(res)[0], "service-unavailable", to_string(res))
        self.assert_not_received(s, [r], lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == res.get("id"),
                                 "an IQ to the bare JID (RFC 6121 §8.5.2.1.3: handled by the server)")

    def test_8_5_2_1_3_roster_get_to_other_bare_jid_not_answered_with_roster(self):
        # An IQ to another account's bare JID is handled on behalf of that account; its roster
        # is not disclosed (error; forbidden or service-unavailable).
        s = self.sender()
        (r,) = self.recipients([0], roster=True)
        r.roster_set("secret@%s" % DOMAIN)
        res = s.c.iq("get", "<query xmlns='jabber:iq:roster'/>", to=r.bare)
        self.assertEqual(res.get("type"), "error", "another account's roster was returned: %s" % to_string(res))
        self.assertIn(stanza_error_condition(res)[0], ("forbidden", "service-unavailable", "not-allowed"),
                      to_string(res))

    def test_5_messages_between_full_jids_keep_thread_and_subject(self):
        # §5.2.5 <thread/>, §5.2.4 <subject/>: the server forwards the message unchanged.
        s = self.sender()
        (r,) = self.recipients([0])
        s.c.send("<message to='%s' type='chat' id='thr1'><subject>subj</subject><body>b</body>"
                 "<thread parent='p1'>t-123</thread><x xmlns='urn:example:ext'>keep</x></message>" % r.jid)
        msg = r.c.wait_message(is_message_id("thr1"))
        self.assertEqual(msg.findtext(q(NS_CLIENT, "subject")), "subj", to_string(msg))
        self.assertEqual(msg.findtext(q(NS_CLIENT, "thread")), "t-123", to_string(msg))
        self.assertEqual(msg.find(q(NS_CLIENT, "thread")).get("parent"), "p1", to_string(msg))
        self.assertEqual(msg.findtext("{urn:example:ext}x"), "keep", to_string(msg))


if __name__ == "__main__":
    unittest.main()
