// The roster_pg plugin: every account's roster in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::roster_pg {

/// The plugin's configuration name.
inline constexpr std::string_view name = "roster_pg";

/// One line for listings.
inline constexpr std::string_view summary =
    "rosters and subscription states in PostgreSQL (settings conninfo, connections)";

/// Reads conninfo and connections, creates the tables if missing and registers a pool of
/// connection workers (shared by every vhost on the same database) for roster.get,
/// roster.set_item, roster.remove and roster.wipe. Throws config::config_error for a bad setting
/// or an unreachable database.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::roster_pg
