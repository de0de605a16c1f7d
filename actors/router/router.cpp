// Router actor: binds resources and delivers stanzas by RFC 6121 §8.5 (local domains only so far).
#include "actors/router/router.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/router/registry.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::router {

namespace {

using xml::element_ptr;

struct router_state {
  registry sessions;
  std::set<std::string> local_domains;
  static inline const char* name = "router";
};

using router_actor = caf::stateful_actor<router_state>;

void deliver_to(router_actor*, const caf::actor& session, const element_ptr& stanza) {
  caf::anon_send(session, atoms::deliver::value, stanza);
}

void route(router_actor* self, const element_ptr& stanza);

void bounce(router_actor* self, const element_ptr& stanza, xml::stanza_error condition) {
  if (auto reply = xml::make_error_reply(*stanza, condition)) route(self, reply);
}

bool is_get_or_set(const element_ptr& stanza) {
  auto type = stanza->attr_or("type");
  return stanza->name() == "iq" && (type == "get" || type == "set");
}

// A stanza to an account's bare JID (or to a full JID that is not bound, where the RFC says to
// treat it as bare).
void deliver_to_bare(router_actor* self, const jid& to, const element_ptr& stanza) {
  auto& reg = self->state.sessions;
  const auto& kind = stanza->name();
  auto type = stanza->attr_or("type", kind == "message" ? "normal" : "");
  if (kind == "message") {
    if (type == "error") return;  // never answer an error with an error
    if (type == "groupchat") return bounce(self, stanza, xml::stanza_error::service_unavailable);
    auto targets = type == "headline" ? reg.all_non_negative(to) : reg.most_available(to);
    if (targets.empty()) {
      // No offline storage is configured yet: the RFC's alternative is service-unavailable, which
      // also does not reveal whether the account exists (RFC 6121 §8.5.2.2.1).
      if (type != "headline") bounce(self, stanza, xml::stanza_error::service_unavailable);
      return;
    }
    for (auto* target : targets) deliver_to(self, target->session, stanza);
  } else if (kind == "presence") {
    for (const auto& entry : reg.resources(to))
      if (entry.available) deliver_to(self, entry.session, stanza);
  } else if (is_get_or_set(stanza)) {
    // The server answers IQs to a bare JID on the account's behalf (RFC 6121 §8.5.2.1.3).
    bounce(self, stanza, xml::stanza_error::service_unavailable);
  }
}

void route(router_actor* self, const element_ptr& stanza) {
  auto to = jid::parse(stanza->attr_or("to"));
  if (!to) return bounce(self, stanza, xml::stanza_error::jid_malformed);
  if (!self->state.local_domains.count(to->domain())) {
    // Server-to-server comes with the federation issue; until then every remote domain is
    // unreachable.
    return bounce(self, stanza, xml::stanza_error::remote_server_not_found);
  }
  if (to->local().empty()) {
    // Addressed to the server itself: sessions answer IQs to their own server directly, so what
    // arrives here came from elsewhere; get/set get an answer, the rest is dropped.
    if (is_get_or_set(stanza)) bounce(self, stanza, xml::stanza_error::service_unavailable);
    return;
  }
  if (to->is_bare()) return deliver_to_bare(self, *to, stanza);
  if (auto* entry = self->state.sessions.find(*to)) return deliver_to(self, entry->session, stanza);
  // Full JID without a bound resource (RFC 6121 §8.5.3.2).
  const auto& kind = stanza->name();
  auto type = stanza->attr_or("type");
  if (kind == "message" && type != "groupchat") return deliver_to_bare(self, to->bare(), stanza);
  if (kind == "message" || is_get_or_set(stanza))
    bounce(self, stanza, xml::stanza_error::service_unavailable);
}

// Admin kick: ends the session of a full JID, or every session of a bare JID, with
// <policy-violation/> and the reason as text. Returns how many sessions were told.
int kick(router_actor* self, const jid& target, const std::string& reason) {
  std::vector<caf::actor> victims;
  if (target.is_bare()) {
    for (const auto& entry : self->state.sessions.resources(target))
      victims.push_back(entry.session);
  } else if (auto* entry = self->state.sessions.find(target)) {
    victims.push_back(entry->session);
  }
  auto condition = static_cast<int>(xml::stream_error::policy_violation);
  for (const auto& session : victims)
    caf::anon_send(session, atoms::kick::value, condition, reason);
  return static_cast<int>(victims.size());
}

caf::behavior router_fun(router_actor* self, std::set<std::string> local_domains) {
  self->state.local_domains = std::move(local_domains);
  self->set_down_handler(
      [self](caf::down_msg& msg) { self->state.sessions.remove_session(msg.source); });
  return {
      [self](atoms::bind, const jid& full, caf::actor session) {
        self->monitor(session);
        if (auto old = self->state.sessions.bind(full, session)) {
          log::info("router", full.str(), " bound again: replacing the older session");
          caf::anon_send(*old, atoms::kick::value, static_cast<int>(xml::stream_error::conflict));
        }
        return true;
      },
      [self](atoms::unbind, const jid& full, caf::actor session) {
        self->state.sessions.unbind(full, session.address());
      },
      [self](atoms::presence, const jid& full, int priority, bool available,
             const element_ptr& presence) {
        auto* entry = self->state.sessions.find(full);
        if (!entry) return;
        entry->priority = priority;
        entry->available = available;
        // The account's other available resources learn about this one (RFC 6121 §4.2.2).
        for (const auto& other : self->state.sessions.resources(full.bare()))
          if (other.available && other.resource != full.resource())
            deliver_to(self, other.session, presence);
      },
      [self](atoms::route, const element_ptr& stanza) { route(self, stanza); },
      [self](atoms::count) { return self->state.sessions.size(); },
      [self](atoms::kick, const jid& target, const std::string& reason) {
        return kick(self, target, reason);
      },
  };
}

}  // namespace

caf::actor spawn_router(caf::actor_system& sys, std::set<std::string> local_domains) {
  return sys.spawn(router_fun, std::move(local_domains));
}

}  // namespace djabberd::router
