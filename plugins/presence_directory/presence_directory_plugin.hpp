// The presence_directory example plugin: presence for accounts from a list kept outside the
// sessions (presence.collect), and accounts that never probe their contacts
// (presence.probe_plan).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::presence_directory {

/// The plugin's configuration name.
inline constexpr std::string_view name = "presence_directory";

/// One line for listings.
inline constexpr std::string_view summary =
    "example presence hooks: listed accounts always look available to their subscribers "
    "(presence.collect) and send no probes at login (presence.probe_plan)";

/// Reads `accounts`, `status`, `resource` and `skip_probes`; joins presence.collect and, with
/// skip_probes, presence.probe_plan.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::presence_directory
