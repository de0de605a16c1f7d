// Resource binding (RFC 6120 §7): client-chosen or server-generated resource, registered with the
// router; an older session on the same resource is replaced.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_notify.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/server/metrics.hpp"
#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

namespace {

std::string generated_resource() {
  // 12 random bytes: unguessable, short, and valid under resourceprep.
  std::string r = auth::base64_encode(auth::random_bytes(12));
  for (auto& c : r)
    if (c == '/' || c == '+') c = '-';
  return "djabberd-" + r;
}

// RFC 6120 §7.6.2.1: the account has reached its limit of simultaneous resources.
void refuse_bind(session_actor* self, const xml::element_ptr& iq) {
  metrics::session_cap_hit();
  log::info("limits", "#", self->state.id, " ", self->state.peer, " ", self->state.username,
            ": bind refused, limits.max_sessions_per_account reached");
  write_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::resource_constraint,
                                           "too many sessions of this account"));
  resume(self);
}

}  // namespace

void handle_bind(session_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto bind = iq->child("bind", ns::bind);
  if (!bind) {
    // RFC 6120 §7.1: nothing but binding is processed before a resource is bound.
    return fail_stream(self, xml::stream_error::not_authorized, "bind a resource first");
  }
  if (iq->attr_or("type") != "set")
    return write_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::bad_request));
  std::string requested;
  if (auto r = bind->child("resource", ns::bind)) requested = r->text();
  std::optional<jid> full;
  if (requested.empty())
    full = jid::make(st.username, st.vhost->domain, generated_resource());
  else
    full = jid::make(st.username, st.vhost->domain, requested);
  if (!full) return write_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::bad_request));
  st.busy = true;
  self->request(st.server->router, std::chrono::seconds(10), atoms::bind::value, *full,
                caf::actor{self}, st.server->config.limits.max_sessions_per_account)
      .then(
          [self, iq, full = *full](bool bound) {
            auto& st = self->state;
            if (st.current == phase::closing) return;
            if (!bound) return refuse_bind(self, iq);
            st.bound = full;
            st.current = phase::bound;
            metrics::session_bound();
            auto payload = xml::make_element("bind", std::string(ns::bind));
            payload->add_child("jid", std::string(ns::bind)).add_text(full.str());
            write_stanza(self, xml::make_iq_result(*iq, payload));
            log::info("c2s", "#", st.id, " ", st.peer, " bound ", full.str());
            hooks::run_notify(self->system(), st.vhost->hooks, hooks::hook_id::session_bound,
                              caf::make_message(atoms::session_bound::value, st.vhost->domain, full,
                                                caf::actor{self}));
            resume(self);
          },
          [self, iq](caf::error& err) {
            log::warn("c2s", "#", self->state.id, " bind failed: ", self->system().render(err));
            write_stanza(self,
                         xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
            resume(self);
          });
}

}  // namespace djabberd::c2s
