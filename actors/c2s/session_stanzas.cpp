// Stanzas of a bound c2s session (RFC 6120 §8, RFC 6121 §8.5): 'from' stamped, c2s.filter asked,
// IQs to the server answered here, everything else handed to the router.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_notify.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/server/metrics.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

namespace {

void route(session_actor* self, xml::element_ptr stanza) {
  self->send(self->state.server->router, atoms::route::value, std::move(stanza));
}

bool valid_iq(const xml::element& iq) {
  auto type = iq.attr_or("type");
  if (!iq.attr("id")) return false;
  if (type == "result" || type == "error") return true;
  if (type != "get" && type != "set") return false;
  auto children = iq.child_elements();
  return children.size() == 1;  // RFC 6120 §8.2.3: exactly one payload element
}

void presence_from_client(session_actor* self, const xml::element_ptr& presence) {
  auto& st = self->state;
  auto type = presence->attr_or("type");
  if (type != "" && type != "unavailable") return;  // subscriptions need a 'to'
  st.available = type.empty();
  int priority = 0;
  if (auto p = presence->child("priority", ns::client)) {
    try {
      priority = std::clamp(std::stoi(p->text()), -128, 127);
    } catch (const std::exception&) {
      return send_stanza(self, xml::make_error_reply(*presence, xml::stanza_error::bad_request));
    }
  }
  st.priority = priority;
  self->send(st.server->router, atoms::presence::value, st.bound, priority, st.available, presence);
}

}  // namespace

namespace {

// The core's handling of a checked stanza: IQs to the server or the user's own account are
// answered here, presence and messages go to the router. Returns true if the stanza went to the
// router as a message whose delivery completes `ticket` later (XEP-0198 with SM on); false if it
// was dealt with here and now.
bool dispatch(session_actor* self, xml::element_ptr stanza, const std::optional<jid>& to,
              std::optional<std::uint32_t> ticket) {
  auto& st = self->state;
  const auto& kind = stanza->name();
  if (kind == "iq") {
    if (!valid_iq(*stanza))
      send_stanza(self, xml::make_error_reply(*stanza, xml::stanza_error::bad_request));
    else if (!to || (to->local().empty() && to->domain() == st.vhost->domain) ||
             *to == st.bound.bare())
      handle_local_iq(self, stanza);
    else
      route(self, stanza);
    return false;
  }
  if (kind == "presence") {
    // Subscriptions and directed presence change the account's state: its actor handles them.
    if (!to)
      presence_from_client(self, stanza);
    else
      self->send(st.server->router, atoms::outbound::value, st.bound, stanza);
    return false;
  }
  if (kind == "message" && !to) {
    // RFC 6120 §10.3.1: no 'to' means the user's own bare JID.
    stanza = xml::with_attr(stanza, "to", st.bound.bare_str());
  }
  if (kind == "message" && ticket) {
    sm_route_message(self, stanza, *ticket);
    return true;
  }
  route(self, stanza);
  return false;
}

// Processes a stanza that passed c2s.filter: checks 'to', asks c2s.route, then the core; with
// stream management on, counts it as handled unless its delivery completes later.
void process_counted(session_actor* self, xml::element_ptr stanza,
                     std::optional<std::uint32_t> ticket) {
  auto& st = self->state;
  auto handled_now = [self, ticket] {
    if (ticket) sm_handled(self, *ticket);
  };
  std::optional<jid> to;
  if (auto* to_attr = stanza->attr("to")) {
    to = jid::parse(*to_attr);
    if (!to) {
      send_stanza(self, xml::make_error_reply(*stanza, xml::stanza_error::jid_malformed));
      return handled_now();
    }
    if (to->str() != *to_attr) stanza = xml::with_attr(stanza, "to", to->str());
  }
  const auto& table = st.vhost->hooks;
  if (table->chain(hooks::hook_id::c2s_route).empty()) {
    if (!dispatch(self, stanza, to, ticket)) handled_now();
    return;
  }
  st.busy = true;  // later stanzas wait for the verdict, so their order is kept
  hooks::run_chain(self, table, hooks::hook_id::c2s_route,
                   caf::make_message(atoms::c2s_route::value, st.vhost->domain, st.bound, stanza),
                   [self, stanza, to, ticket, handled_now](hooks::chain_result r) {
                     auto& st = self->state;
                     if (st.current == phase::closing) return;
                     st.busy = false;
                     if (!r.handled) {
                       if (!dispatch(self, stanza, to, ticket)) handled_now();
                     } else {
                       if (r.payload.match_elements<xml::element_ptr>())
                         send_stanza(self, r.payload.get_as<xml::element_ptr>(0));
                       handled_now();  // consumed by a plugin
                     }
                     if (!st.busy) resume(self);  // else the IQ hook resumes when it is done
                   });
}

}  // namespace

void handle_stanza(session_actor* self, const xml::element_ptr& raw) {
  auto& st = self->state;
  metrics::stanza_in(raw->name());
  std::optional<std::uint32_t> ticket;
  if (st.sm) ticket = st.sm->in.begin();  // XEP-0198: every stanza counts once it is handled
  // RFC 6120 §8.1.2.1: the server adds or overrides 'from' with the session's full JID, so a
  // client can never claim another identity.
  auto stanza = xml::with_attr(raw, "from", st.bound.str());
  const auto& table = st.vhost->hooks;
  if (table->chain(hooks::hook_id::c2s_filter).empty())
    return process_counted(self, stanza, ticket);
  st.busy = true;  // later stanzas wait for the verdict, so their order is kept
  hooks::run_chain(self, table, hooks::hook_id::c2s_filter,
                   caf::make_message(atoms::c2s_filter::value, st.vhost->domain, st.bound, stanza),
                   [self, stanza, ticket](hooks::chain_result r) {
                     auto& st = self->state;
                     if (st.current == phase::closing) return;
                     st.busy = false;
                     if (!r.handled)
                       process_counted(self, stanza, ticket);
                     else if (ticket)
                       sm_handled(self, *ticket);  // dropped by the filter: handled all the same
                     if (!st.busy) resume(self);   // else the IQ hook resumes when it is done
                   });
}

void end_session(session_actor* self) {
  auto& st = self->state;
  if (st.current != phase::bound) return;
  // The account's actor broadcasts unavailable presence for us if we were available (§4.5.2).
  st.available = false;
  self->send(st.server->router, atoms::unbind::value, st.bound, caf::actor{self});
  sm_dispose_unacked(self);  // after the unbind, so nothing comes back to this session
  const std::string reason = st.end_reason.empty() ? "closed" : st.end_reason;
  log::info("c2s", "#", st.id, " ", st.peer, " session of ", st.bound.str(), " ended (", reason,
            ")");
  hooks::run_notify(self->system(), st.vhost->hooks, hooks::hook_id::session_unbound,
                    caf::make_message(atoms::session_unbound::value, st.vhost->domain, st.bound,
                                      caf::actor{self}, reason));
}

}  // namespace djabberd::c2s
