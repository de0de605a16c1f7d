// carbons: XEP-0280 Message Carbons (urn:xmpp:carbons:2).
//
// The protocol lives in the core, because only the account actor knows the account's resources
// and which of them enabled carbons (actors/user/user_carbons.cpp): the c2s session forwards a
// client's <enable/>/<disable/> IQ to it through the router, and it sends the <received/> and
// <sent/> copies. The core does this for a vhost if and only if the vhost lists a plugin named
// "carbons" (vhost_runtime::carbons, set when the server builds its vhosts; a change needs a
// restart); without it the enable IQ is answered with service-unavailable. This plugin itself
// only advertises the feature through disco.server_info.
#pragma once

#include <string_view>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::carbons {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "carbons";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0280: message carbons (copies of a user's chats to all of their clients)";

/// disco.server_info (no node): handled(<query><feature var='urn:xmpp:carbons:2'/></query>);
/// declined for a node.
caf::behavior carbons_actor(caf::event_based_actor* self);

/// No settings. Spawns the actor and joins disco.server_info.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::carbons
