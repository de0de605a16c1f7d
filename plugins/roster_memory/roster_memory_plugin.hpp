// The roster_memory plugin: rosters in the server's memory (tests and small setups).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::roster_memory {

/// The plugin's configuration name.
inline constexpr std::string_view name = "roster_memory";

/// One line for listings.
inline constexpr std::string_view summary =
    "rosters and subscription states in memory (lost when the server stops)";

/// Starts the actor (once, shared by every vhost using the plugin) and registers it for
/// roster.get, roster.set_item, roster.remove and roster.wipe. Throws config::config_error if the
/// plugin table has settings.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::roster_memory
