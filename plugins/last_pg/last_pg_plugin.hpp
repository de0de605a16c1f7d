// last_pg: accounts' last logout (XEP-0012: last.get / last.set) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::last_pg {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "last_pg";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores accounts' last logout (XEP-0012, last.*) in PostgreSQL, table last_activity "
    "(conninfo, connections)";

/// Reads conninfo and connections, creates the table if missing and joins last.get, last.set
/// and account.deleted with a pool of connection workers (shared by every vhost on the same
/// database).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::last_pg
