"""Stream-level errors (RFC 6120 §4.9) and stream restrictions, with a raw client."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (NS_CLIENT, NS_SASL, NS_STREAM, NS_STREAMS_ERR, NS_TLS,  # noqa: E402
                     ServerTestCase, condition_of, q, stream_error_problems, to_string)

PREAUTH_LIMIT = 10000
POSTAUTH_LIMIT = 100000


class StreamErrorTest(ServerTestCase):
    c2s_options = {"max_stanza_size_preauth": PREAUTH_LIMIT, "max_stanza_size": POSTAUTH_LIMIT}

    def assertServerAlive(self):
        """A fresh connection still gets a stream header and features."""
        c = self.client()
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_TLS, "starttls")), to_string(feats))
        c.close()

    # --- the happy path of the header, for reference
    def test_stream_header_and_initial_features(self):
        c = self.client()
        feats = c.open_stream()
        hdr = c.header
        self.assertEqual(hdr.tag, q(NS_STREAM, "stream"))
        self.assertEqual(c.header_ns.get(""), NS_CLIENT, "default namespace of the response header")
        self.assertEqual(hdr.get("from"), "localhost", "RFC 6120 §4.7.1: 'from' is the server's domain")
        self.assertTrue(hdr.get("id"), "RFC 6120 §4.7.3: the response header carries a stream id")
        self.assertEqual(hdr.get("version"), "1.0")
        # TLS is mandatory-to-negotiate: only <starttls><required/></starttls> (RFC 6120 §5.3.1).
        starttls = feats.find(q(NS_TLS, "starttls"))
        self.assertIsNotNone(starttls, to_string(feats))
        self.assertIsNotNone(starttls.find(q(NS_TLS, "required")), to_string(feats))
        self.assertEqual([child.tag for child in feats], [q(NS_TLS, "starttls")],
                         "nothing but STARTTLS before TLS: %s" % to_string(feats))

    def test_whitespace_before_stream_header_is_fine(self):
        # Whitespace may precede the root element (XML 1.0 [27] Misc), but not an XML
        # declaration, so this header has none.
        c = self.client()
        c.send("\n  \n")
        feats = c.open_stream(xml_decl=False)
        self.assertIsNotNone(feats.find(q(NS_TLS, "starttls")))

    # --- not-well-formed (RFC 6120 §4.9.3.13)
    def test_mismatched_tags_not_well_formed(self):
        c = self.client()
        c.open_stream()
        c.send("<message to='bob@localhost'><body>hello</message>")
        self.assertStreamError(c, "not-well-formed")

    def test_not_well_formed_after_tls(self):
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='PLAIN'><<</auth>" % NS_SASL)
        self.assertStreamError(c, "not-well-formed")

    def test_bad_attribute_syntax_not_well_formed(self):
        c = self.client()
        c.open_stream()
        c.send("<iq type=get id='x'/>")
        self.assertStreamError(c, "not-well-formed")

    def test_garbage_instead_of_stream_header(self):
        # RFC 6120 §4.9.1.2: even when the initial header is bad, the server sends its own
        # stream header, then the error, then </stream:stream>.
        c = self.client()
        c.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        self.assertStreamError(c, "not-well-formed")

    def test_invalid_utf8(self):
        # RFC 6120 §4.9.3.22 names a UTF-8 violation as a case of unsupported-encoding;
        # it is also an XML well-formedness error, so either condition is right.
        c = self.client()
        c.open_stream()
        c.send(b"<message to='bob@localhost'><body>\xff\xfe</body></message>")
        self.assertStreamError(c, ("unsupported-encoding", "not-well-formed"))

    # --- the syntax of <stream:error/> itself (RFC 6120 §4.9.2)
    def test_stream_error_element_syntax(self):
        cases = [
            ("not-well-formed", lambda c: (c.open_stream(), c.send("<a><b></a>"))),
            ("host-unknown", lambda c: c.send(c.stream_header(to="unknown.example"))),
            ("not-authorized", lambda c: (c.open_stream(), c.send("<presence/>"))),
        ]
        for expected, provoke in cases:
            with self.subTest(condition=expected):
                c = self.client()
                provoke(c)
                cond, elem = c.wait_stream_error(5)
                self.assertEqual(cond, expected, to_string(elem))
                self.assertEqual(stream_error_problems(elem), [],
                                 "malformed <stream:error/> (RFC 6120 §4.9.2: <text/> is "
                                 "qualified by urn:ietf:params:xml:ns:xmpp-streams): %s; raw: %s"
                                 % (to_string(elem), bytes(c.received_bytes[-300:]).decode("utf-8", "replace")))

    # --- restricted-xml (RFC 6120 §4.9.3.18, §11.1)
    def test_comment_restricted_xml(self):
        c = self.client()
        c.open_stream()
        c.send("<!-- a comment -->")
        self.assertStreamError(c, "restricted-xml")

    def test_processing_instruction_restricted_xml(self):
        c = self.client()
        c.open_stream()
        c.send("<?foo bar?>")
        self.assertStreamError(c, "restricted-xml")

    def test_doctype_restricted_xml(self):
        c = self.client()
        c.send("<?xml version='1.0'?><!DOCTYPE stream:stream>" + c.stream_header(xml_decl=False))
        self.assertStreamError(c, "restricted-xml")

    def test_internal_entity_declaration_restricted_xml(self):
        # A "billion laughs" internal subset must be refused, never expanded.
        c = self.client()
        entities = "<!ENTITY a 'aaaaaaaaaa'>" + "".join(
            "<!ENTITY %s '%s'>" % (chr(ord("b") + i), ("&%s;" % chr(ord("a") + i)) * 10)
            for i in range(8))
        c.send("<?xml version='1.0'?><!DOCTYPE stream:stream [%s]>" % entities
               + c.stream_header(xml_decl=False) + "<message><body>&i;</body></message>")
        self.assertStreamError(c, "restricted-xml")
        self.assertServerAlive()

    def test_comment_after_tls_restricted_xml(self):
        c, _ = self.tls_stream()
        c.send("<!--x-->")
        self.assertStreamError(c, "restricted-xml")

    def test_undeclared_entity_reference(self):
        # An entity reference other than the five predefined ones is a restricted XML
        # feature (RFC 6120 §11.1); without a declaration it is also not well-formed, so
        # either condition is correct.
        c = self.client()
        c.open_stream()
        c.send("<message to='bob@localhost'><body>&nbsp;</body></message>")
        self.assertStreamError(c, ("restricted-xml", "not-well-formed"))

    # --- not-authorized: stanzas before authentication (RFC 6120 §4.9.3.12)
    def test_message_before_tls_not_authorized(self):
        c = self.client()
        c.open_stream()
        c.send("<message to='bob@localhost' type='chat'><body>sneaky</body></message>")
        self.assertStreamError(c, "not-authorized")

    def test_message_after_tls_before_sasl_not_authorized(self):
        c, _ = self.tls_stream()
        c.send("<message to='bob@localhost' type='chat'><body>sneaky</body></message>")
        self.assertStreamError(c, "not-authorized")

    def test_iq_before_sasl_not_authorized(self):
        c, _ = self.tls_stream()
        c.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>")
        self.assertStreamError(c, "not-authorized")

    def test_presence_before_sasl_not_authorized(self):
        c, _ = self.tls_stream()
        c.send("<presence/>")
        self.assertStreamError(c, "not-authorized")

    def test_bind_before_sasl_not_authorized(self):
        c, _ = self.tls_stream()
        c.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        self.assertStreamError(c, "not-authorized")

    def test_message_after_sasl_before_bind_not_authorized(self):
        # Before resource binding the client has no full JID; RFC 6120 §7.1: the client
        # MUST bind before sending stanzas other than bind.
        c, _ = self.tls_stream()
        self.assertTrue(c.auth_plain("alice", self.users["alice"]).ok)
        c.open_stream()
        c.send("<message to='bob@localhost' type='chat'><body>unbound</body></message>")
        self.assertStreamError(c, "not-authorized")

    # --- policy-violation: size limits (RFC 6120 §4.9.3.14, §13.12)
    def test_preauth_oversized_element_policy_violation(self):
        c, _ = self.tls_stream()
        payload = "A" * (PREAUTH_LIMIT * 2)
        c.send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>" % (NS_SASL, payload))
        self.assertStreamError(c, "policy-violation")
        self.assertServerAlive()

    def test_preauth_oversized_unterminated_element_policy_violation(self):
        # The limit must be enforced while the element is still being received, not only
        # once it is complete (else an unauthenticated peer can grow a buffer forever).
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='PLAIN'>" % NS_SASL)
        for _ in range(4):
            c.send("A" * (PREAUTH_LIMIT // 2), ignore_errors=True)
        self.assertStreamError(c, "policy-violation")

    def test_preauth_oversized_before_tls_policy_violation(self):
        c = self.client()
        c.open_stream()
        c.send("<starttls xmlns='%s' junk='%s'/>" % (NS_TLS, "x" * (PREAUTH_LIMIT * 2)))
        self.assertStreamError(c, "policy-violation")

    def test_preauth_below_limit_is_fine(self):
        # A normal authentication is far below the limit; a bad password is just a
        # SASL failure.
        c, _ = self.tls_stream()
        res = c.auth_plain("alice", "x" * 100)
        self.assertFalse(res.ok)
        self.assertEqual(res.condition, "not-authorized")

    def test_postauth_stanza_over_limit_policy_violation(self):
        c = self.logged_in("alice", resource="big")
        body = "B" * (POSTAUTH_LIMIT + 10000)
        c.send_message("bob@localhost/x", body)
        self.assertStreamError(c, "policy-violation")

    def test_postauth_stanza_under_limit_delivered(self):
        bob = self.logged_in("bob", resource="biglimit")
        alice = self.logged_in("alice", resource="biglimit")
        body = "C" * (PREAUTH_LIMIT * 3)  # over the pre-auth limit, under the post-auth one
        mid = alice.send_message(bob.jid, body)
        msg = bob.wait_message(lambda m: m.get("id") == mid)
        self.assertEqual(msg.findtext(q(NS_CLIENT, "body")), body)

    # --- invalid-namespace (RFC 6120 §4.9.3.10)
    def test_wrong_content_namespace_invalid_namespace(self):
        c = self.client()
        c.send(c.stream_header(xmlns="jabber:wrong"))
        self.assertStreamError(c, "invalid-namespace")

    def test_wrong_stream_namespace_invalid_namespace(self):
        c = self.client()
        c.send(c.stream_header(stream_ns="http://example.com/not-streams"))
        self.assertStreamError(c, "invalid-namespace")

    def test_server_namespace_on_c2s_port(self):
        # jabber:server on a client port: the content namespace is not supported here.
        c = self.client()
        c.send(c.stream_header(xmlns="jabber:server"))
        self.assertStreamError(c, "invalid-namespace")

    # --- host-unknown (RFC 6120 §4.9.3.6)
    def test_unknown_vhost_host_unknown(self):
        c = self.client()
        c.send(c.stream_header(to="unknown.example"))
        self.assertStreamError(c, "host-unknown")

    def test_unknown_vhost_over_direct_tls_host_unknown(self):
        c = self.client(direct_tls=True)
        c.send(c.stream_header(to="unknown.example"))
        self.assertStreamError(c, "host-unknown")

    def test_vhost_is_case_insensitive(self):
        # RFC 7622 §3.2: domainparts compare after case mapping.
        c = self.client()
        feats = c.open_stream(to="LocalHost")
        self.assertIsNotNone(feats.find(q(NS_TLS, "starttls")), to_string(feats))

    # --- unsupported stanza type / wrong root element
    def test_unknown_top_level_element_after_auth(self):
        # RFC 6120 §4.9.3.22 unsupported-stanza-type: a first-level child in jabber:client
        # that is not message/presence/iq.
        c = self.logged_in("alice", resource="weird")
        c.send("<foo xmlns='jabber:client'/>")
        self.assertStreamError(c, "unsupported-stanza-type")

    # --- the client closes the stream: the server closes too (RFC 6120 §4.4)
    def test_client_close_is_answered(self):
        c = self.logged_in("alice", resource="closer")
        c.send("</stream:stream>")
        ended, eof = c.wait_closed()
        self.assertTrue(ended, "server did not answer </stream:stream>; %s" % c._describe())
        self.assertTrue(eof)

    # --- STARTTLS twice (RFC 6120 §5.4.3.3: no STARTTLS after TLS)
    def test_starttls_not_offered_again(self):
        c, feats = self.tls_stream()
        self.assertIsNone(feats.find(q(NS_TLS, "starttls")), to_string(feats))


class AuthTimeoutTest(ServerTestCase):
    """auth_timeout: an unauthenticated stream is closed after it."""
    c2s_options = {"auth_timeout": 2}
    users = {"alice": "alice-pw"}

    def test_idle_unauthenticated_stream_is_closed(self):
        c = self.client()
        c.open_stream()
        start = time.monotonic()
        ended, eof = c.wait_closed(timeout=12)
        elapsed = time.monotonic() - start
        self.assertTrue(eof, "stream still open %.1f s after an auth_timeout of 2 s; %s"
                        % (elapsed, c._describe()))
        errors = [e for e in c.queue if e.tag == q(NS_STREAM, "error")]
        # A stream error is expected before the close (RFC 6120 §4.9.1.1); connection-timeout
        # (§4.9.3.4) or policy-violation (§4.9.3.14) fit.
        self.assertTrue(errors, "no <stream:error/> before the close; %s" % c._describe())
        self.assertIn(condition_of(errors[0], NS_STREAMS_ERR),
                      ("connection-timeout", "policy-violation"), to_string(errors[0]))
        self.assertGreaterEqual(elapsed, 1.0, "closed far too early")

    def test_authenticated_stream_survives_auth_timeout(self):
        c = self.logged_in("alice", resource="stays")
        time.sleep(3.5)
        res = c.iq("get", "<ping xmlns='urn:xmpp:ping'/>", to="localhost")
        self.assertEqual(res.get("type"), "result", to_string(res))


if __name__ == "__main__":
    unittest.main()
