// The offline_pg plugin: offline messages (XEP-0160) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::offline_pg {

/// The plugin's configuration name.
inline constexpr std::string_view name = "offline_pg";

/// One line for listings.
inline constexpr std::string_view summary =
    "offline messages in PostgreSQL (settings conninfo, connections, max_messages per account)";

/// Reads the settings, creates the table if missing, and registers a pool of connection workers
/// (shared by every vhost on the same database) for offline.fetch and offline.remove, and a
/// per-vhost front adding the vhost's max_messages for offline.store. Throws
/// config::config_error for a bad setting or an unreachable database.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::offline_pg
