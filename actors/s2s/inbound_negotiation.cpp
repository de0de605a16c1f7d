// Inbound negotiation (RFC 6120 §4-§6 as receiving entity): header, STARTTLS required, then SASL
// EXTERNAL (XEP-0178) for a peer whose certificate is valid for its domain and/or dialback
// (XEP-0220), as the vhost's s2s_auth policy allows.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/peer_verdict.hpp"
#include "actors/s2s/s2s_metrics.hpp"
#include "actors/s2s/server_ns.hpp"
#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::s2s {

namespace {

bool is_stanza(const xml::element& e) {
  return e.ns() == server_ns &&
         (e.name() == "message" || e.name() == "presence" || e.name() == "iq");
}

void write_header(inbound_actor* self) {
  auto& st = self->state;
  st.stream_id = auth::base64_encode(auth::random_bytes(12));
  std::string out =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
      "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' id='";
  out += st.stream_id;
  out += "' from='";
  xml::escape_attr(st.local, out);
  out += "'";
  if (!st.remote_from.empty()) {
    out += " to='";
    xml::escape_attr(st.remote_from, out);
    out += "'";
  }
  out += " version='1.0'>";
  write(st.io, out);
  st.header_sent = true;
}

void write_auth_features(inbound_actor* self) {
  auto& st = self->state;
  auto policy = st.ctx->auth_policy(st.local);
  std::string out = "<stream:features>";
  if (st.peer_trusted && policy != "dialback")
    out +=
        "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>EXTERNAL</mechanism>"
        "</mechanisms>";
  if (policy != "certificate")
    out += "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>";
  out += "</stream:features>";
  write(st.io, out);
}

// After TLS: is the peer's certificate good for the domain it claims? Then the features.
void send_features_after_tls(inbound_actor* self) {
  auto& st = self->state;
  if (st.remote_from.empty() || st.ctx->auth_policy(st.local) == "dialback") {
    write_auth_features(self);
    return;
  }
  st.busy = true;
  check_peer(self, *st.ctx, st.local, st.remote_from, *st.io.tls, [self](bool trusted) {
    auto& st = self->state;
    if (st.io.closed) return;
    st.peer_trusted = trusted;
    write_auth_features(self);
    resume(self);
  });
}

void handle_starttls(inbound_actor* self) {
  auto& st = self->state;
  if (st.io.tls) return fail(self, stream_error::policy_violation, "TLS is already in place");
  write(st.io, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  flush(self, st.io);  // <proceed/> goes out in the clear
  auto session = std::make_unique<tls::stream>(st.ctx->server->find_vhost(st.local)->tls->native());
  session->request_peer_certificate(st.ctx->trust->store());
  restart_stream(st.io);
  start_tls(self, st.io, std::move(session));
}

void sasl_failure(inbound_actor* self, std::string_view condition) {
  write(self->state.io, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><" +
                            std::string(condition) + "/></failure>");
}

// XEP-0178: EXTERNAL with the authorization identity (or none: the header's 'from').
void handle_auth(inbound_actor* self, const xml::element& auth) {
  auto& st = self->state;
  if (auth.attr_or("mechanism") != "EXTERNAL" || !st.peer_trusted ||
      st.ctx->auth_policy(st.local) == "dialback")
    return sasl_failure(self, "invalid-mechanism");
  std::string domain = st.remote_from;
  auto text = auth.text();
  if (!text.empty() && text != "=") {
    auto decoded = auth::base64_decode(text);
    if (!decoded) return sasl_failure(self, "incorrect-encoding");
    domain = *decoded;
  }
  if (domain != st.remote_from) return sasl_failure(self, "invalid-authzid");
  st.busy = true;
  hooks::run_chain(
      self, hooks_of(*st.ctx, st.local), hooks::hook_id::s2s_allow,
      caf::make_message(atoms::s2s_allow::value, st.local, domain, true),
      [self, domain](hooks::chain_result r) {
        auto& st = self->state;
        if (st.io.closed) return;
        if (r.handled && r.payload.match_elements<bool>() && !r.payload.get_as<bool>(0)) {
          sasl_failure(self, "not-authorized");
          return resume(self);
        }
        write(st.io, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        st.authenticated.emplace(domain, st.local);
        st.sasl_done = true;
        stream_authenticated(true, "EXTERNAL");
        log::info("s2s-in", "#", st.io.id, " ", domain, " -> ", st.local,
                  ": authenticated with EXTERNAL");
        restart_stream(st.io);
        resume(self);
      });
}

}  // namespace

void inbound_events::on_stream_open(const xml::stream_header& header) {
  open_stream(self, header);
}

bool inbound_events::on_stanza(xml::element_ptr stanza) {
  handle_element(self, stanza);
  return !self->state.io.restart_pending && !self->state.io.closed;
}

void inbound_events::on_stream_close() {
  auto& st = self->state;
  log::debug("s2s-in", "#", st.io.id, " the peer closed the stream");
  close_stream(self, st.io);
  self->quit();
}

void inbound_events::on_error(xml::stream_error condition, std::string text) {
  fail(self, condition, text);
}

void open_stream(inbound_actor* self, const xml::stream_header& header) {
  auto& st = self->state;
  std::string to = header.to;
  for (char& c : to)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (st.local.empty()) {
    if (st.ctx->server->find_vhost(to) == nullptr)
      return fail(self, stream_error::host_unknown, "this server does not serve " + to);
    st.local = to;
  } else if (to != st.local) {
    return fail(self, stream_error::host_unknown, "the stream restarted for another domain");
  }
  if (auto from = jid::parse(header.from); from && from->local().empty() && from->is_bare())
    st.remote_from = from->domain();
  write_header(self);
  if (header.content_ns != server_ns)
    return fail(self, stream_error::invalid_namespace,
                "the content namespace must be jabber:server");
  if (header.version.empty() || header.version.front() < '1')
    return fail(self, stream_error::unsupported_version, "XMPP 1.0 is required");
  if (!st.io.tls_up()) {
    write(st.io,
          "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
          "</starttls></stream:features>");
    return;
  }
  if (st.sasl_done) return write(st.io, "<stream:features/>");
  send_features_after_tls(self);
}

void handle_element(inbound_actor* self, const xml::element_ptr& element) {
  auto& st = self->state;
  if (st.busy) {
    st.pending.push_back(element);
    return;
  }
  const xml::element& e = *element;
  if (!st.io.tls_up()) {
    if (e.is("starttls", ns::tls)) return handle_starttls(self);
    // Prosody's s2s_require_encryption default: nothing but STARTTLS in the clear.
    return fail(self, stream_error::policy_violation, "encryption is required");
  }
  if (e.is("auth", ns::sasl) && !st.sasl_done) return handle_auth(self, e);
  if (e.is("result", dialback_ns)) return handle_db_result(self, e);
  if (e.is("verify", dialback_ns)) return handle_db_verify(self, e);
  if (is_stanza(e)) return handle_stanza(self, element);
  if (e.is("starttls", ns::tls))
    return fail(self, stream_error::policy_violation, "TLS is already in place");
  fail(self, stream_error::unsupported_stanza_type);
}

void resume(inbound_actor* self) {
  auto& st = self->state;
  st.busy = false;
  while (!st.busy && !st.pending.empty() && !st.io.closed) {
    auto next = std::move(st.pending.front());
    st.pending.pop_front();
    handle_element(self, next);
  }
  flush(self, st.io);
}

}  // namespace djabberd::s2s
