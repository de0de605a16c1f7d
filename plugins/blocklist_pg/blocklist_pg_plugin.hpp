// blocklist_pg: XEP-0191 block list storage (blocklist.*) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::blocklist_pg {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "blocklist_pg";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores XEP-0191 block lists (blocklist.*) in PostgreSQL, table blocklist (conninfo, "
    "connections)";

/// Reads conninfo and connections, creates the table if missing and joins blocklist.get,
/// blocklist.add, blocklist.remove and account.deleted with a pool of connection workers
/// (shared by every vhost on the same database).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::blocklist_pg
