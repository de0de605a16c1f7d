// Stream negotiation of a c2s session: header, features per phase, dispatch by phase.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/accounts/registration_xml.hpp"
#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/caps/caps_hash.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

// --- parser events --------------------------------------------------------------------------

void parser_events::on_stream_open(const xml::stream_header& header) {
  open_stream(self, header);
}

bool parser_events::on_stanza(xml::element_ptr stanza) {
  handle_element(self, stanza);
  return !self->state.restart_pending && self->state.current != phase::closing;
}

void parser_events::on_stream_close() {
  log::debug("c2s", "#", self->state.id, " client closed the stream");
  close_stream(self);
}

void parser_events::on_error(xml::stream_error condition, std::string text) {
  fail_stream(self, condition, text);
}

// --- stream header --------------------------------------------------------------------------

namespace {

bool is_stanza(const xml::element& e) {
  return e.ns() == ns::client &&
         (e.name() == "message" || e.name() == "presence" || e.name() == "iq");
}

void write_header(session_actor* self, const xml::stream_header& header) {
  auto& st = self->state;
  st.stream_id = auth::base64_encode(auth::random_bytes(12));
  std::string out =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
      "xmlns:stream='http://etherx.jabber.org/streams' id='";
  out += st.stream_id;
  out += "' from='";
  xml::escape_attr(st.vhost ? st.vhost->domain : header.to, out);
  out += "'";
  if (auto from = jid::parse(header.from); from && !header.from.empty()) {
    out += " to='";
    xml::escape_attr(from->str(), out);
    out += "'";
  }
  out += " version='1.0' xml:lang='en'>";
  write(self, out);
  st.header_sent = true;
}

}  // namespace

void open_stream(session_actor* self, const xml::stream_header& header) {
  auto& st = self->state;
  if (st.current != phase::wait_header) {
    return fail_stream(self, xml::stream_error::not_well_formed, "unexpected stream header");
  }
  // Which vhost: the 'to' of the header; without one, the first configured vhost.
  std::string domain = header.to.empty() ? st.server->default_vhost().domain : header.to;
  if (auto parsed = jid::parse(domain); parsed && parsed->local().empty() && parsed->is_bare())
    domain = parsed->domain();
  const vhost_runtime* vhost = st.server->find_vhost(domain);
  if (vhost == nullptr || (st.vhost != nullptr && st.vhost != vhost && !st.username.empty())) {
    st.vhost = nullptr;
    return fail_stream(self, xml::stream_error::host_unknown,
                       "this server does not serve " + domain);
  }
  st.vhost = vhost;
  write_header(self, header);
  if (header.content_ns != ns::client)
    return fail_stream(self, xml::stream_error::invalid_namespace,
                       "the content namespace must be jabber:client");
  if (header.version.empty() || header.version.front() < '1')
    return fail_stream(self, xml::stream_error::unsupported_version, "XMPP 1.0 is required");
  const bool encrypted = st.tls && st.tls->handshake_done();
  if (!st.username.empty())
    st.current = phase::authenticated;
  else if (!encrypted && st.server->config.c2s.require_encryption)
    st.current = phase::pre_tls;
  else
    st.current = phase::pre_auth;
  send_features(self);
}

namespace {

// SASL mechanisms backed by the vhost's auth chains: SCRAM needs auth.get_secret, PLAIN needs
// auth.check_password (and TLS).
std::vector<std::string> builtin_mechanisms(session_actor* self, bool encrypted) {
  auto& st = self->state;
  const bool scram = offers_scram(*st.vhost);
  const bool plain = encrypted && offers_plain(*st.vhost);  // never in the clear
  std::vector<std::string> out;
  if (scram && encrypted) out = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS"};
  if (scram) out.insert(out.end(), {"SCRAM-SHA-256", "SCRAM-SHA-1"});
  if (plain) out.push_back("PLAIN");
  return out;
}

void write_mechanisms(session_actor* self, const std::vector<std::string>& mechanisms,
                      std::string& out) {
  if (mechanisms.empty()) return;
  out += "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
  bool plus = false;
  for (const auto& m : mechanisms) {
    out += "<mechanism>" + m + "</mechanism>";
    plus = plus || m.ends_with("-PLUS");
  }
  out += "</mechanisms>";
  if (plus) {
    // XEP-0440: which channel-binding types the -PLUS mechanisms accept on this connection.
    out += "<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>";
    if (self->state.tls->is_tls13()) out += "<channel-binding type='tls-exporter'/>";
    out += "<channel-binding type='tls-server-end-point'/></sasl-channel-binding>";
  }
}

// XEP-0077 §4: in-band registration is offered before authentication when the vhost enables it.
void write_register_feature(session_actor* self, std::string& out) {
  if (!self->state.vhost->registration) return;
  out += "<register xmlns='";
  out += accounts::register_feature_ns;
  out += "'/>";
}

// Before authentication: the built-in mechanisms, narrowed by auth.sasl_mechanisms if a plugin
// joins it (the features wait for its answer; elements sent meanwhile wait in order).
void send_auth_features(session_actor* self, std::string out, bool encrypted) {
  auto& st = self->state;
  auto offered = builtin_mechanisms(self, encrypted);
  const auto& table = st.vhost->hooks;
  if (offered.empty() || table->chain(hooks::hook_id::auth_sasl_mechanisms).empty()) {
    write_mechanisms(self, offered, out);
    write_register_feature(self, out);
    out += "</stream:features>";
    return write(self, out);
  }
  st.busy = true;
  hooks::run_chain(self, table, hooks::hook_id::auth_sasl_mechanisms,
                   caf::make_message(atoms::sasl_mechanisms::value, st.vhost->domain, offered,
                                     encrypted, st.peer.substr(0, st.peer.rfind(':'))),
                   [self, offered, out = std::move(out)](hooks::chain_result r) mutable {
                     auto& st = self->state;
                     if (st.current == phase::closing) return;
                     st.mechanisms.clear();
                     st.mechanisms_narrowed = r.handled;
                     if (r.handled && r.payload.match_elements<std::vector<std::string>>()) {
                       for (const auto& m : r.payload.get_as<std::vector<std::string>>(0))
                         if (std::find(offered.begin(), offered.end(), m) != offered.end())
                           st.mechanisms.push_back(m);
                     }
                     write_mechanisms(self, r.handled ? st.mechanisms : offered, out);
                     write_register_feature(self, out);
                     out += "</stream:features>";
                     write(self, out);
                     resume(self);
                   });
}

const std::string_view bind_features =
    "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
    "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"
    "<ver xmlns='urn:xmpp:features:rosterver'/>"      // XEP-0237 roster versioning
    "<sub xmlns='urn:xmpp:features:pre-approval'/>";  // RFC 6121 §3.4 pre-approvals

// The node of the server's own XEP-0115 caps (a URI naming the software).
constexpr std::string_view caps_node = "https://djabberd.invalid/caps";

// What the stream.features handlers add, then the end of <stream:features/>.
void finish_bind_features(session_actor* self, std::string out) {
  auto& st = self->state;
  const auto& table = st.vhost->hooks;
  if (table->chain(hooks::hook_id::stream_features).empty()) {
    out += "</stream:features>";
    return write(self, out);
  }
  st.busy = true;  // elements the client sends meanwhile wait in order
  hooks::run_collect(
      self, table, hooks::hook_id::stream_features,
      caf::make_message(atoms::stream_features::value, st.vhost->domain, st.username),
      [self, out = std::move(out)](std::vector<caf::message> parts) mutable {
        if (self->state.current == phase::closing) return;
        for (const auto& part : parts)
          if (part.match_elements<xml::element_ptr>() && part.get_as<xml::element_ptr>(0))
            xml::serialize(*part.get_as<xml::element_ptr>(0), out, ns::client);
        out += "</stream:features>";
        write(self, out);
        resume(self);
      });
}

// After authentication: bind, session, the server's caps (XEP-0115 §6.3, computed from its
// disco#info so clients can cache it) and what the stream.features handlers add.
void send_bind_features(session_actor* self, std::string out) {
  auto& st = self->state;
  out += bind_features;
  const bool waits = !st.vhost->hooks->chain(hooks::hook_id::disco_server_info).empty();
  if (waits) st.busy = true;  // elements the client sends meanwhile wait in order
  server_info(self, [self, waits, out = std::move(out)](xml::element_ptr info) mutable {
    auto& st = self->state;
    if (st.current == phase::closing) return;
    if (auto ver = caps::sha1_ver(*info)) {
      auto c = xml::make_element("c", std::string(caps::ns_caps));
      c->set_attr("hash", "sha-1");
      c->set_attr("node", std::string(caps_node));
      c->set_attr("ver", *ver);
      xml::serialize(*c, out, ns::client);
    }
    st.busy = false;
    finish_bind_features(self, std::move(out));
    if (waits && !st.busy) resume(self);
  });
}

}  // namespace

bool offers_scram(const vhost_runtime& vhost) {
  return !vhost.hooks->chain(hooks::hook_id::auth_get_secret).empty();
}

bool offers_plain(const vhost_runtime& vhost) {
  return !vhost.hooks->chain(hooks::hook_id::auth_check_password).empty();
}

void send_features(session_actor* self) {
  auto& st = self->state;
  const bool encrypted = st.tls && st.tls->handshake_done();
  std::string out = "<stream:features>";
  if (!st.tls) {
    out += "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>";
    out += st.server->config.c2s.require_encryption ? "<required/></starttls>" : "</starttls>";
  }
  if (st.current == phase::pre_auth) return send_auth_features(self, std::move(out), encrypted);
  if (st.current == phase::authenticated) return send_bind_features(self, std::move(out));
  out += "</stream:features>";
  write(self, out);
}

// --- dispatch -------------------------------------------------------------------------------

namespace {

void handle_starttls(session_actor* self, const xml::element_ptr&) {
  auto& st = self->state;
  write(self, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  flush(self);  // <proceed/> goes out in the clear; everything after it is TLS
  start_tls(self, *st.vhost);
  restart_stream(self);
}

}  // namespace

void handle_element(session_actor* self, const xml::element_ptr& element) {
  auto& st = self->state;
  if (st.busy) {
    st.pending.push_back(element);
    return;
  }
  const xml::element& e = *element;
  switch (st.current) {
    case phase::pre_tls:
      if (e.is("starttls", ns::tls)) return handle_starttls(self, element);
      if (e.is("auth", ns::sasl)) {
        // RFC 6120 §6.4.x: SASL needs the TLS layer this server requires.
        write(self,
              "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><encryption-required/></failure>");
        return;
      }
      break;
    case phase::pre_auth:
    case phase::sasl:
      if (e.ns() == ns::sasl) return handle_sasl(self, element);
      if (st.current == phase::pre_auth && e.is("iq", ns::client))
        return handle_unauthenticated_iq(self, element);  // XEP-0077 registration
      if (e.is("starttls", ns::tls)) {
        if (!st.tls) return handle_starttls(self, element);
        return fail_stream(self, xml::stream_error::policy_violation, "TLS is already in place");
      }
      break;
    case phase::authenticated:
      if (e.is("iq", ns::client)) return handle_bind(self, element);
      if (handle_sm(self, element)) return;  // <resume/> instead of binding, or early <enable/>
      break;
    case phase::bound:
      if (is_stanza(e)) return handle_stanza(self, element);
      if (handle_csi(self, e)) return;
      if (handle_sm(self, element)) return;
      return handle_unknown_element(self, element);
    default:
      return fail_stream(self, xml::stream_error::not_authorized);
  }
  if (is_stanza(e) || e.ns() == ns::sasl)
    return fail_stream(self, xml::stream_error::not_authorized,
                       "authenticate and bind a resource first");
  fail_stream(self, xml::stream_error::unsupported_stanza_type);
}

void resume(session_actor* self) {
  auto& st = self->state;
  st.busy = false;
  while (!st.busy && !st.pending.empty() && st.current != phase::closing) {
    auto next = std::move(st.pending.front());
    st.pending.pop_front();
    handle_element(self, next);
  }
  flush(self);
}

}  // namespace djabberd::c2s
