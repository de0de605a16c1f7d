// last: XEP-0012 last activity of the server, i.e. its uptime (jabber:iq:last), and of accounts.
//
// Queries to an account's bare JID are answered by the account's actor (it knows the account's
// resources and who is subscribed, actors/user/user_last.cpp) when the vhost lists this plugin;
// logout times are stored through last.get / last.set (plugins/last_sqlite).
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::last {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "last";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0012: the server's uptime and, for contacts, the time since their last logout";

/// No settings. Spawns the actor (its clock starts now, with the server) and joins iq.c2s and
/// disco.server_info (queries to accounts are the core's, see above).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::last
