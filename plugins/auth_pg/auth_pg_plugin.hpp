// The auth_pg plugin: accounts in PostgreSQL (the same credentials as auth_sqlite).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::auth_pg {

/// The plugin's configuration name.
inline constexpr std::string_view name = "auth_pg";

/// One line for listings.
inline constexpr std::string_view summary =
    "accounts in PostgreSQL (SCRAM-SHA-1/-256 keys; settings conninfo, connections)";

/// Reads conninfo and connections, creates the tables if missing and registers a pool of
/// connection workers (shared by every vhost on the same database) for the auth hooks. Throws
/// config::config_error for a bad setting or an unreachable database.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::auth_pg
