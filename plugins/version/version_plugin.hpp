// version: XEP-0092 software version of the server (jabber:iq:version).
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::version {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "version";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0092: answers jabber:iq:version gets to the server (name, version, optional os)";

/// Reads `version` (default: the project version) and `show_os` (default false), spawns the
/// actor and joins iq.c2s and disco.server_info.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::version
