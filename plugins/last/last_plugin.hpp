// last: XEP-0012 last activity of the server, i.e. its uptime (jabber:iq:last).
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
    "XEP-0012: answers jabber:iq:last gets to the server with its uptime in seconds";

/// No settings. Spawns the actor (its clock starts now, with the server) and joins iq.c2s and
/// disco.server_info. Queries to accounts are declined (not implemented yet).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::last
