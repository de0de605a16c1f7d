// Outbound negotiation (RFC 6120 §5-§6 as initiating entity, XEP-0178, XEP-0220 §2.1.1): stream
// header, STARTTLS (always: encryption is required), then SASL EXTERNAL if offered, else dialback.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/s2s/dialback_key.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/s2s/outbound_state.hpp"
#include "actors/s2s/peer_verdict.hpp"
#include "actors/s2s/server_ns.hpp"
#include "auth/base64.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::s2s {

namespace {

bool offers_external(const xml::element& features) {
  auto mechanisms = features.child("mechanisms", ns::sasl);
  if (!mechanisms) return false;
  for (const auto& m : mechanisms->child_elements())
    if (m->is("mechanism", ns::sasl) && m->text() == "EXTERNAL") return true;
  return false;
}

void send_dialback_result(outbound_actor* self) {
  auto& st = self->state;
  std::string out = "<db:result from='";
  xml::escape_attr(st.local, out);
  out += "' to='";
  xml::escape_attr(st.remote, out);
  out += "'>";
  out += dialback_key(st.secret, st.remote, st.local, st.stream_id);
  out += "</db:result>";
  write(st.io, out);
  st.method = "dialback";
}

void on_features(outbound_actor* self, const xml::element& features) {
  auto& st = self->state;
  if (!st.io.tls) {
    if (!features.child("starttls", ns::tls))
      return give_up(self, stanza_error::remote_server_not_found,
                     "the peer does not offer STARTTLS (encryption is required)");
    write(st.io, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    return;
  }
  if (st.authenticated) return become_ready(self);  // features after the SASL restart
  st.verifies_allowed = true;
  send_verifies(self);
  st.dialback_offered = features.child("dialback", dialback_feature_ns) != nullptr;
  if (offers_external(features)) {
    // XEP-0178 §2: the authorization identity is our domain.
    write(st.io, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>" +
                     auth::base64_encode(st.local) + "</auth>");
    st.sasl_sent = true;
    st.method = "EXTERNAL";
    return;
  }
  // Dialback even when not advertised: servers before XEP-0220 1.0 do not announce it.
  send_dialback_result(self);
}

void on_dialback_result(outbound_actor* self, const xml::element& e) {
  auto& st = self->state;
  if (e.attr_or("from") != st.remote || e.attr_or("to") != st.local) return;
  auto type = e.attr_or("type");
  if (type == "valid") {
    st.authenticated = true;
    return become_ready(self);
  }
  give_up(self, stanza_error::remote_server_not_found,
          "dialback refused by " + st.remote + " (type='" + std::string(type) + "')");
}

void on_dialback_verify(outbound_actor* self, const xml::element& e) {
  auto& st = self->state;
  auto id = e.attr_or("id");
  auto type = e.attr_or("type");
  for (auto it = st.verifies.begin(); it != st.verifies.end(); ++it) {
    if (it->sent && it->stream_id == id) {
      if (type == "error")  // the authoritative server could not decide (XEP-0220 §2.4)
        it->answer.deliver(dialback_failure(stanza_error::remote_server_not_found));
      else
        it->answer.deliver(type == "valid");
      st.verifies.erase(it);
      return;
    }
  }
}

void on_element(outbound_actor* self, const xml::element_ptr& element) {
  auto& st = self->state;
  const auto& e = *element;
  if (e.is("features", ns::streams)) return on_features(self, e);
  if (e.is("proceed", ns::tls)) {
    flush(self, st.io);
    auto session =
        std::make_unique<tls::stream>(st.ctx->trust->client_context(st.local), st.remote);
    session->request_peer_certificate(st.ctx->trust->store());
    restart_stream(st.io);
    start_tls(self, st.io, std::move(session));
    return;
  }
  if (e.is("failure", ns::tls))
    return give_up(self, stanza_error::remote_server_not_found, "STARTTLS refused");
  if (e.is("success", ns::sasl)) {
    st.authenticated = true;
    restart_stream(st.io);
    send_header(self);
    return;
  }
  if (e.is("failure", ns::sasl)) {
    if (st.dialback_offered) return send_dialback_result(self);
    return give_up(self, stanza_error::remote_server_not_found, "SASL EXTERNAL refused");
  }
  if (e.is("result", dialback_ns)) return on_dialback_result(self, e);
  if (e.is("verify", dialback_ns)) return on_dialback_verify(self, e);
  if (e.is("error", ns::streams)) {
    auto condition = e.first_child_element();
    return give_up(self, stanza_error::remote_server_not_found,
                   "stream error from the peer: " + (condition ? condition->name() : "?"));
  }
  // Anything else (a stanza on our outbound stream) is not for us: streams are unidirectional.
}

}  // namespace

void outbound_events::on_stream_open(const xml::stream_header& header) {
  self->state.stream_id = header.id;
  if (header.content_ns != server_ns)
    fail_stream(self, self->state.io, stream_error::invalid_namespace);
}

bool outbound_events::on_stanza(xml::element_ptr stanza) {
  on_element(self, stanza);
  return !self->state.io.restart_pending && !self->state.io.closed;
}

void outbound_events::on_stream_close() {
  auto& st = self->state;
  if (st.phase == out_phase::closing) return;
  if (st.phase == out_phase::ready) {
    st.phase = out_phase::closing;
    close_stream(self, st.io);
    return self->quit();
  }
  give_up(self, stanza_error::remote_server_not_found, "the peer closed the stream");
}

void outbound_events::on_error(xml::stream_error condition, std::string text) {
  fail_stream(self, self->state.io, condition, text);
  give_up(self, stanza_error::remote_server_not_found, "bad XML from the peer: " + text);
}

void send_header(outbound_actor* self) {
  auto& st = self->state;
  std::string out =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
      "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' from='";
  xml::escape_attr(st.local, out);
  out += "' to='";
  xml::escape_attr(st.remote, out);
  out += "' version='1.0'>";
  write(st.io, out);
}

void on_tls_up(outbound_actor* self) {
  auto& st = self->state;
  auto finish = [self] {
    send_header(self);
    flush(self, self->state.io);
  };
  if (st.ctx->auth_policy(st.local) != "certificate") return finish();
  // With auth = certificate the receiving server's certificate must be valid for its domain too.
  check_peer(self, *st.ctx, st.local, st.remote, *st.io.tls, [self, finish](bool trusted) {
    auto& st = self->state;
    if (st.phase == out_phase::closing) return;
    if (!trusted)
      return give_up(self, stanza_error::remote_server_not_found,
                     "the certificate of " + st.remote + " is not trusted");
    finish();
  });
}

void send_verifies(outbound_actor* self) {
  auto& st = self->state;
  if (!st.verifies_allowed) return;
  for (auto& v : st.verifies) {
    if (v.sent) continue;
    std::string out = "<db:verify from='";
    xml::escape_attr(st.local, out);
    out += "' to='";
    xml::escape_attr(st.remote, out);
    out += "' id='";
    xml::escape_attr(v.stream_id, out);
    out += "'>";
    xml::escape_text(v.key, out);
    out += "</db:verify>";
    write(st.io, out);
    v.sent = true;
  }
}

}  // namespace djabberd::s2s
