// XEP-0220 on an inbound stream: db:result (we are the receiving server and ask the originating
// domain's authoritative server through the manager) and db:verify (we are the authoritative
// server and check a key we issued).
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/s2s/dialback_key.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/s2s_metrics.hpp"
#include "auth/crypto.hpp"
#include "stanza/jid.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::s2s {

namespace {

// "<db:NAME from=F to=T [id=I] type=TYPE>" + optional error child, closed.
std::string db_element(std::string_view name, std::string_view from, std::string_view to,
                       std::string_view type, std::string_view id = {},
                       std::string_view error_condition = {}) {
  std::string out = "<db:";
  out += name;
  out += " from='";
  xml::escape_attr(from, out);
  out += "' to='";
  xml::escape_attr(to, out);
  if (!id.empty()) {
    out += "' id='";
    xml::escape_attr(id, out);
  }
  out += "' type='";
  out += type;
  if (error_condition.empty()) return out + "'/>";
  out += "'><error type='cancel'><";
  out += error_condition;
  out += " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></db:";
  out += name;
  out += ">";
  return out;
}

bool is_domain(std::string_view text) {
  auto parsed = jid::parse(text);
  return parsed && parsed->local().empty() && parsed->is_bare() && parsed->domain() == text;
}

void verify_with_authority(inbound_actor* self, std::string local, std::string remote,
                           std::string key) {
  auto& st = self->state;
  // The manager's outbound stream to `remote` sends db:verify; its answer comes back here.
  auto timeout = st.ctx->config().connect_timeout + std::chrono::seconds(5);
  self->request(st.manager, timeout, atoms::db_verify::value, local, remote, st.stream_id, key)
      .then(
          [self, local, remote](bool valid) {
            auto& st = self->state;
            if (st.io.closed) return;
            write(st.io, db_element("result", local, remote, valid ? "valid" : "invalid"));
            if (valid) {
              st.authenticated.emplace(remote, local);
              stream_authenticated(true, "dialback");
            }
            log::info("s2s-in", "#", st.io.id, " ", remote, " -> ", local, ": dialback ",
                      valid ? "valid" : "invalid");
            flush(self, st.io);
          },
          [self, local, remote](const caf::error& err) {
            auto& st = self->state;
            if (st.io.closed) return;
            // XEP-0220 §2.4: the authoritative server was not reached (its condition), or did not
            // answer in time.
            std::string condition = "remote-server-timeout";
            if (err.context().match_elements<std::string>())
              condition = err.context().get_as<std::string>(0);
            log::info("s2s-in", "#", st.io.id, " ", remote, " -> ", local,
                      ": dialback not verified: ", condition);
            write(st.io, db_element("result", local, remote, "error", {}, condition));
            flush(self, st.io);
          });
}

}  // namespace

void handle_db_result(inbound_actor* self, const xml::element& result) {
  auto& st = self->state;
  std::string remote(result.attr_or("from")), local(result.attr_or("to"));
  std::string key = result.text();
  if (!is_domain(remote) || key.empty())
    return fail(self, stream_error::improper_addressing, "db:result needs 'from' and a key");
  if (st.ctx->server->find_vhost(local) == nullptr) {
    write(st.io, db_element("result", local, remote, "error", {}, "item-not-found"));
    return;
  }
  if (st.ctx->auth_policy(local) == "certificate") {
    write(st.io, db_element("result", local, remote, "error", {}, "policy-violation"));
    return;
  }
  st.busy = true;
  hooks::run_chain(
      self, hooks_of(*st.ctx, local), hooks::hook_id::s2s_allow,
      caf::make_message(atoms::s2s_allow::value, local, remote, true),
      [self, local, remote, key](hooks::chain_result r) {
        auto& st = self->state;
        if (st.io.closed) return;
        if (r.handled && r.payload.match_elements<bool>() && !r.payload.get_as<bool>(0)) {
          write(st.io, db_element("result", local, remote, "error", {}, "policy-violation"));
          return resume(self);
        }
        verify_with_authority(self, local, remote, key);
        resume(self);
      });
}

void handle_db_verify(inbound_actor* self, const xml::element& verify) {
  auto& st = self->state;
  // We are the authoritative server of 'to': did we issue this key for 'from' on stream 'id'?
  std::string receiving(verify.attr_or("from")), originating(verify.attr_or("to"));
  std::string id(verify.attr_or("id")), key = verify.text();
  if (st.ctx->server->find_vhost(originating) == nullptr) {
    write(st.io, db_element("verify", originating, receiving, "error", id, "item-not-found"));
    return;
  }
  st.busy = true;
  hooks::run_chain(
      self, hooks_of(*st.ctx, originating), hooks::hook_id::s2s_dialback_secret,
      caf::make_message(atoms::dialback_secret::value, originating),
      [self, receiving, originating, id, key](hooks::chain_result r) {
        auto& st = self->state;
        if (st.io.closed) return;
        std::string secret = st.ctx->secret;
        if (r.handled && r.payload.match_elements<std::string>())
          secret = r.payload.get_as<std::string>(0);
        bool valid =
            auth::constant_time_equal(dialback_key(secret, receiving, originating, id), key);
        write(st.io, db_element("verify", originating, receiving, valid ? "valid" : "invalid", id));
        resume(self);
      });
}

}  // namespace djabberd::s2s
