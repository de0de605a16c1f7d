// private_pg: private XML storage (private.get / private.set) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::private_pg {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "private_pg";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores private XML (private.get / private.set) in PostgreSQL (conninfo, connections)";

/// Reads conninfo and connections, creates the table if missing and joins private.get and
/// private.set with a pool of connection workers (shared by every vhost on the same database).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::private_pg
