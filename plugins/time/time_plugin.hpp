// time: XEP-0202 entity time of the server (urn:xmpp:time).
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::time {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "time";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0202: answers urn:xmpp:time gets to the server (UTC time and zone offset)";

/// No settings. Spawns the actor and joins iq.c2s and disco.server_info.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::time
