// blocking: XEP-0191 Blocking Command (urn:xmpp:blocking).
//
// The protocol lives in the core, because only the account actor knows the account's resources,
// roster and presence (actors/user/user_blocking.cpp): the c2s session forwards a client's
// <blocklist/>, <block/> and <unblock/> IQs to it through the router, and it enforces the list.
// The core does this for a vhost if and only if the vhost lists a plugin named "blocking"
// (vhost_runtime::blocking; a change needs a restart); without it those IQs are answered with
// service-unavailable. The list itself is stored behind blocklist.get / blocklist.add /
// blocklist.remove (plugins/blocklist_sqlite). This plugin only advertises the feature through
// disco.server_info.
#pragma once

#include <string_view>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::blocking {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "blocking";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0191: blocking command (users block JIDs; needs a block list store, blocklist_sqlite)";

/// disco.server_info (no node): handled(<query><feature var='urn:xmpp:blocking'/></query>);
/// declined for a node.
caf::behavior blocking_actor(caf::event_based_actor* self);

/// No settings. Spawns the actor and joins disco.server_info.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::blocking
