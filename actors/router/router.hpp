// The session registry and stanza router of one node: full JIDs -> session actors, delivery rules.
#pragma once

#include <memory>
#include <set>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace djabberd::router {

/// Spawns the router. `local_domains` are this server's vhosts.
///
/// Messages it handles:
/// - (atoms::bind, jid full, caf::actor session) -> bool: registers the resource; an older
///   session on the same full JID is sent (atoms::kick, stream_error::conflict) first.
/// - (atoms::unbind, jid full): removes it (also done automatically when the session dies).
/// - (atoms::presence, jid full, int priority, bool available, xml::element_ptr presence):
///   updates availability; an available/unavailable broadcast presence is copied to the
///   account's other available resources (RFC 6121 §4.2.2, §4.5.2).
/// - (atoms::route, xml::element_ptr stanza): delivers a stanza whose 'from' is already
///   stamped, following RFC 6121 §8.5, bouncing errors back to the sender where the RFC says so.
/// - (atoms::count) -> std::size_t: number of bound sessions.
/// Sessions receive (atoms::deliver, xml::element_ptr).
caf::actor spawn_router(caf::actor_system& sys, std::set<std::string> local_domains);

}  // namespace djabberd::router
