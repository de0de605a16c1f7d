"""SASL negotiation (RFC 6120 §6, RFC 5802 SCRAM, RFC 5929 channel binding, XEP-0440),
with a raw client."""

import os
import ssl
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (NS_BIND, NS_SASL, NS_SASL_CB, NS_SESSION, NS_STREAM,  # noqa: E402
                     NS_STREAMS_ERR, NS_TLS, ServerTestCase, b64e, condition_of, q, to_string)

EXPECTED_MECHS = ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"]


def mechanisms(features):
    mechs = features.find(q(NS_SASL, "mechanisms"))
    if mechs is None:
        return None
    return [m.text for m in mechs.findall(q(NS_SASL, "mechanism"))]


def cb_types(features):
    cb = features.find(q(NS_SASL_CB, "sasl-channel-binding"))
    if cb is None:
        return None
    return [c.get("type") for c in cb.findall(q(NS_SASL_CB, "channel-binding"))]


class SaslTest(ServerTestCase):

    def finish_login(self, c, resource=None):
        """After SASL success: restart, check the features, bind."""
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_BIND, "bind")), to_string(feats))
        self.assertIsNone(feats.find(q(NS_SASL, "mechanisms")),
                          "SASL offered again after success: %s" % to_string(feats))
        reply = c.bind(resource)
        self.assertEqual(reply.get("type"), "result", to_string(reply))
        return c.jid

    def assertSuccess(self, res, scram=True):
        self.assertTrue(res.ok, "SASL failed: %r" % res)
        if scram:
            self.assertTrue(res.server_verified,
                            "server-final-message missing or server signature wrong "
                            "(RFC 5802 §3, RFC 6120 §6.3.10): %s" % to_string(res.element))

    def assertFailure(self, res, condition):
        self.assertFalse(res.ok, "SASL unexpectedly succeeded: %r" % res)
        allowed = (condition,) if isinstance(condition, str) else tuple(condition)
        self.assertIn(res.condition, allowed, "wrong SASL failure: %s" % to_string(res.element))

    # --- features
    def test_features_after_starttls(self):
        c, feats = self.tls_stream()
        mechs = mechanisms(feats)
        self.assertIsNotNone(mechs, "no SASL mechanisms after TLS: %s" % to_string(feats))
        for m in EXPECTED_MECHS:
            self.assertIn(m, mechs)
        types = cb_types(feats)
        self.assertIsNotNone(types, "no XEP-0440 <sasl-channel-binding/>: %s" % to_string(feats))
        self.assertIn("tls-server-end-point", types)
        if c.tls_version == "TLSv1.3":
            self.assertIn("tls-exporter", types)
        if c.tls_version == "TLSv1.3":
            # RFC 9266 §3: tls-unique is undefined for TLS 1.3.
            self.assertNotIn("tls-unique", types)
        self.assertIsNone(feats.find(q(NS_TLS, "starttls")), "STARTTLS offered again (RFC 6120 §5.4.3.3)")

    def test_features_on_direct_tls(self):
        c = self.client(direct_tls=True)
        feats = c.open_stream()
        self.assertIsNone(feats.find(q(NS_TLS, "starttls")), to_string(feats))
        mechs = mechanisms(feats)
        self.assertIsNotNone(mechs, to_string(feats))
        for m in EXPECTED_MECHS:
            self.assertIn(m, mechs)
        self.assertIn("tls-server-end-point", cb_types(feats) or [])

    def test_features_after_sasl_offer_bind_and_optional_session(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256"))
        feats = c.open_stream()
        self.assertIsNotNone(feats.find(q(NS_BIND, "bind")), to_string(feats))
        session = feats.find(q(NS_SESSION, "session"))
        self.assertIsNotNone(session, to_string(feats))
        self.assertIsNotNone(session.find(q(NS_SESSION, "optional")), to_string(feats))
        self.assertIsNone(feats.find(q(NS_SASL, "mechanisms")), to_string(feats))
        self.assertIsNone(feats.find(q(NS_TLS, "starttls")), to_string(feats))

    # --- each mechanism
    def test_scram_sha1(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-1"))
        self.assertEqual(self.finish_login(c, "sha1"), "alice@localhost/sha1")

    def test_scram_sha256(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256"))
        self.assertEqual(self.finish_login(c, "sha256"), "alice@localhost/sha256")

    def test_scram_sha256_plus_tls_server_end_point(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256-PLUS"))
        self.assertEqual(self.finish_login(c, "plus256"), "alice@localhost/plus256")

    def test_scram_sha1_plus_tls_server_end_point(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-1-PLUS"))
        self.assertEqual(self.finish_login(c, "plus1"), "alice@localhost/plus1")

    def test_scram_sha256_plus_over_direct_tls(self):
        c, _ = self.tls_stream(direct_tls=True)
        self.assertSuccess(c.auth_scram("bob", self.users["bob"], "SCRAM-SHA-256-PLUS"))
        self.assertEqual(self.finish_login(c, "dtls"), "bob@localhost/dtls")

    def test_scram_plus_over_tls12(self):
        c = self.client()
        feats = c.open_stream()
        feats = c.starttls(maximum_version=ssl.TLSVersion.TLSv1_2)
        self.assertEqual(c.tls_version, "TLSv1.2")
        self.assertIn("tls-server-end-point", cb_types(feats) or [], to_string(feats))
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256-PLUS"))
        self.finish_login(c)

    def test_plain(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_plain("alice", self.users["alice"]), scram=False)
        self.assertEqual(self.finish_login(c, "plain"), "alice@localhost/plain")

    def test_plain_without_initial_response(self):
        # RFC 6120 §6.4.2: no initial response -> the server sends an empty challenge.
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='PLAIN'/>" % NS_SASL)
        ch = c._sasl_wait()
        self.assertEqual(ch.tag, q(NS_SASL, "challenge"), to_string(ch))
        self.assertIn((ch.text or "").strip(), ("", "="), to_string(ch))
        c.send("<response xmlns='%s'>%s</response>"
               % (NS_SASL, b64e("\0alice\0" + self.users["alice"])))
        res = c._sasl_outcome(c._sasl_wait())
        self.assertSuccess(res, scram=False)
        self.finish_login(c)

    # --- failures
    def test_wrong_password_twice_then_right(self):
        # RFC 6120 §6.4.5: after a failure the client may retry on the same stream.
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_scram("alice", "wrong-1", "SCRAM-SHA-256"), "not-authorized")
        self.assertFailure(c.auth_plain("alice", "wrong-2"), "not-authorized")
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256"))
        self.assertEqual(self.finish_login(c, "retry"), "alice@localhost/retry")

    def test_wrong_password_plus(self):
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_scram("alice", "wrong", "SCRAM-SHA-256-PLUS"), "not-authorized")

    def test_unknown_user(self):
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_scram("nosuchuser", "whatever", "SCRAM-SHA-256"), "not-authorized")
        self.assertFailure(c.auth_scram("nosuchuser", "whatever", "SCRAM-SHA-1"), "not-authorized")
        self.assertFailure(c.auth_plain("nosuchuser", "whatever"), "not-authorized")
        # and the stream is still usable
        self.assertSuccess(c.auth_plain("bob", self.users["bob"]), scram=False)

    def test_invalid_authzid_plain(self):
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_plain("alice", self.users["alice"], authzid="bob@localhost"),
                           "invalid-authzid")

    def test_invalid_authzid_scram(self):
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256",
                                        authzid="bob@localhost"), "invalid-authzid")

    def test_own_authzid_accepted(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_plain("alice", self.users["alice"], authzid="alice@localhost"),
                           scram=False)
        self.assertEqual(self.finish_login(c, "az"), "alice@localhost/az")

    def test_invalid_mechanism(self):
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='X-NO-SUCH-MECH'>%s</auth>" % (NS_SASL, b64e("x")))
        self.assertFailure(c._sasl_outcome(c._sasl_wait()), "invalid-mechanism")  # RFC 6120 §6.5.6

    def test_incorrect_encoding(self):
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='PLAIN'>!!not*base64!!</auth>" % NS_SASL)
        self.assertFailure(c._sasl_outcome(c._sasl_wait()), "incorrect-encoding")  # RFC 6120 §6.5.5

    def test_abort(self):
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='SCRAM-SHA-256'>%s</auth>"
               % (NS_SASL, b64e("n,,n=alice,r=abcdefghijklmnop")))
        ch = c._sasl_wait()
        self.assertEqual(ch.tag, q(NS_SASL, "challenge"), to_string(ch))
        c.send("<abort xmlns='%s'/>" % NS_SASL)
        self.assertFailure(c._sasl_outcome(c._sasl_wait()), "aborted")  # RFC 6120 §6.4.4
        self.assertSuccess(c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-1"))

    def test_new_auth_restarts_handshake(self):
        # RFC 6120 §6.4.2: a new <auth/> during an unfinished handshake discards it and
        # starts a new one.
        c, _ = self.tls_stream()
        c.send("<auth xmlns='%s' mechanism='SCRAM-SHA-256'>%s</auth>"
               % (NS_SASL, b64e("n,,n=alice,r=abcdefghijklmnop")))
        ch = c._sasl_wait()
        self.assertEqual(ch.tag, q(NS_SASL, "challenge"), to_string(ch))
        self.assertSuccess(c.auth_plain("alice", self.users["alice"]), scram=False)
        self.finish_login(c, "restarted")

    # --- channel binding negative cases
    def test_plus_with_wrong_binding_data_fails(self):
        c, _ = self.tls_stream()
        res = c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256-PLUS", cb_data=b"\0" * 32)
        self.assertFalse(res.ok, "SCRAM-PLUS accepted wrong channel-binding data: %r" % res)

    def test_y_flag_when_server_offers_plus_fails(self):
        # RFC 5802 §6: "y" = the client supports channel binding but thinks the server does
        # not. The server advertised -PLUS, so this is a downgrade: it MUST fail.
        c, feats = self.tls_stream()
        self.assertIn("SCRAM-SHA-256-PLUS", mechanisms(feats) or [], to_string(feats))
        res = c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256", cb_flag="y")
        self.assertFalse(res.ok, "downgrade (gs2 flag 'y' with -PLUS offered) accepted: %r" % res)

    def test_unsupported_binding_type_fails(self):
        c, _ = self.tls_stream()
        res = c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256-PLUS",
                           cb_flag="p=tls-unique", cb_data=b"\1" * 12)
        self.assertFalse(res.ok, "unsupported channel binding type accepted: %r" % res)

    def test_plus_mechanism_without_binding_fails(self):
        # A -PLUS mechanism with gs2 flag "n" would make channel binding optional.
        c, _ = self.tls_stream()
        res = c.auth_scram("alice", self.users["alice"], "SCRAM-SHA-256-PLUS", cb_flag="n")
        self.assertFalse(res.ok, "SCRAM-SHA-256-PLUS accepted without channel binding: %r" % res)

    # --- before TLS
    def test_auth_before_tls_refused(self):
        # TLS is mandatory-to-negotiate here (RFC 6120 §5.3.1), so no SASL before it. The
        # RFC's answer to an <auth/> needing a protected stream is the SASL failure
        # <encryption-required/> (§6.5.4); closing the stream with a policy-violation
        # stream error (§4.9.3.14) is also acceptable.
        c = self.client()
        feats = c.open_stream()
        self.assertIsNone(feats.find(q(NS_SASL, "mechanisms")), to_string(feats))
        c.send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>"
               % (NS_SASL, b64e("\0alice\0" + self.users["alice"])))
        elem = c.wait_for(lambda e: e.tag in (q(NS_SASL, "failure"), q(NS_SASL, "success"),
                                               q(NS_SASL, "challenge"), q(NS_STREAM, "error")),
                          what="answer to <auth/> before TLS")
        if elem.tag == q(NS_STREAM, "error"):
            self.assertIn(condition_of(elem, NS_STREAMS_ERR), ("policy-violation",),
                          to_string(elem))
            return
        self.assertEqual(elem.tag, q(NS_SASL, "failure"), "auth before TLS not refused: %s"
                         % to_string(elem))
        self.assertEqual(condition_of(elem, NS_SASL), "encryption-required", to_string(elem))
        # The stream stays usable: STARTTLS and then SASL work.
        c.starttls()
        self.assertSuccess(c.auth_plain("alice", self.users["alice"]), scram=False)

    # --- auth_static
    def test_static_user_plain(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_plain("static_user", "static-pass"), scram=False)
        self.assertEqual(self.finish_login(c, "s"), "static_user@localhost/s")

    def test_static_user_wrong_password(self):
        c, _ = self.tls_stream()
        self.assertFailure(c.auth_plain("static_user", "nope"), "not-authorized")

    def test_static_user_scram(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_scram("static_user", "static-pass", "SCRAM-SHA-256"))

    # --- second SASL after success is not allowed
    def test_auth_after_success_is_refused(self):
        c, _ = self.tls_stream()
        self.assertSuccess(c.auth_plain("alice", self.users["alice"]), scram=False)
        c.open_stream()
        c.send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>"
               % (NS_SASL, b64e("\0bob\0" + self.users["bob"])))
        elem = c.wait_for(lambda e: e.tag in (q(NS_SASL, "failure"), q(NS_SASL, "success"),
                                               q(NS_STREAM, "error")), what="answer to a second <auth/>")
        self.assertNotEqual(elem.tag, q(NS_SASL, "success"),
                            "a second SASL negotiation succeeded on an authenticated stream")


if __name__ == "__main__":
    unittest.main()
