// One actor per local account while it has sessions or work: its roster, presence and delivery.
#pragma once

#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/hooks/hook_table.hpp"
#include "stanza/jid.hpp"

namespace djabberd::user {

/// Spawns the actor of the account `bare` on `vhost`. Only the router spawns it, and sends it
/// everything about the account, in order (so nothing races on the account's state):
/// - (atoms::bind, jid full, caf::actor session) / (atoms::unbind, jid full, caf::actor_addr):
///   a resource came or went (going: the server broadcasts its unavailable presence if needed).
/// - (atoms::presence, jid full, int priority, bool available, xml::element_ptr presence): the
///   client's broadcast presence (RFC 6121 §4.2, §4.4, §4.5).
/// - (atoms::outbound, jid full, xml::element_ptr presence): a client's presence with a 'to':
///   subscription management (§3) or directed presence (§4.6).
/// - (atoms::roster_iq, jid full, xml::element_ptr iq): a client's roster get/set (§2).
/// - (atoms::inbound, xml::element_ptr stanza): a stanza for the account that no bound resource
///   takes directly: bare-JID messages (§8.5.2), presence, subscriptions, probes, IQs to the
///   account.
/// - (atoms::carbons_iq, jid full, xml::element_ptr iq), (atoms::carbon_copy, message),
///   (atoms::carbon_sent, message): XEP-0280 message carbons (user_carbons.cpp).
/// - (atoms::cl_lost, jid full): cluster: the resource vanished with its node (resource_lost).
/// - (atoms::retire): the router forgot this actor; it quits once its work is done.
/// When it has had no resource and nothing to do for a while it sends (atoms::idle, jid bare) to
/// the router, which then answers with retire.
caf::actor spawn_user(caf::actor_system& sys, jid bare, std::string vhost,
                      hooks::hook_table_ptr hooks, caf::actor router);

}  // namespace djabberd::user
