// The stanza router of one node: full JIDs -> session actors, bare JIDs -> account actors.
#pragma once

#include <map>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::router {

/// Spawns the router. `vhosts` maps each local domain to its hook chains; stanzas for other
/// domains go to `s2s` (the federation manager) as (atoms::route, stanza), or bounce with
/// remote-server-not-found when it is unset.
///
/// Messages it handles:
/// - (atoms::bind, jid full, caf::actor session) -> bool: registers the resource; an older
///   session on the same full JID is sent (atoms::kick, stream_error::conflict) first.
/// - (atoms::bind, jid full, caf::actor session, std::size_t max_resources) -> bool: the same,
///   but false (nothing bound) if the account already has max_resources other resources.
/// - (atoms::unbind, jid full, caf::actor session): removes it (also done when the session dies).
/// - (atoms::presence, jid full, int priority, bool available, xml::element_ptr presence),
///   (atoms::outbound, jid full, xml::element_ptr presence), (atoms::roster_iq, jid full,
///   xml::element_ptr iq): a client's presence and roster requests, for its account's actor.
/// - (atoms::route, xml::element_ptr stanza): delivers a stanza whose 'from' is already stamped:
///   messages and IQs to a bound full JID go straight to its session, everything else for a
///   local account to the account's actor (actors/user), which applies RFC 6121.
/// - (atoms::carbons_iq, jid full, xml::element_ptr iq): a client's XEP-0280 enable/disable, for
///   its account's actor; (atoms::carbons, jid bare, bool on) from that actor: whether a resource
///   has carbons on. For such accounts eligible messages delivered to a full JID, and those the
///   account's resources send, also go to the account's actor as (atoms::carbon_copy, message) /
///   (atoms::carbon_sent, message) (see actors/user/user_carbons.cpp).
/// - (atoms::blocking_iq, jid full, xml::element_ptr iq): a client's XEP-0191 IQ, for its
///   account's actor; (atoms::blocking, jid bare, bool on) from that actor: whether its block list
///   is non-empty. For such accounts what their resources send goes to the actor first as
///   (atoms::block_out, stanza, int checked), and what would go straight to one of their bound
///   resources as (atoms::block_in, stanza, int checked); the actor refuses it or hands it back
///   as (atoms::route_ok, stanza, int checked) (see actors/user/user_blocking.cpp), which is
///   routed like atoms::route minus the checks done. A stanza sent with atoms::route_ack carries
///   its response promise through both as a last element, so the ack waits for the check.
/// - (atoms::account_gone, jid bare): the account was removed (XEP-0077); its actor ends the
///   account's sessions and retires once they are gone.
/// - (atoms::shutdown) -> bool: retires every account actor and answers once all finished their
///   queued work (called after the sessions are gone, before storage plugins stop).
/// - (atoms::count) -> std::size_t: number of bound sessions.
/// - (atoms::kick, jid target, std::string reason) -> int: ends the target's session(s).
/// Sessions receive (atoms::deliver, xml::element_ptr).
caf::actor spawn_router(caf::actor_system& sys, std::map<std::string, hooks::hook_table_ptr> vhosts,
                        caf::actor s2s = {});

}  // namespace djabberd::router
