// pep_pg: XEP-0163 PEP node storage (pep.*) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::pep_pg {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "pep_pg";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores PEP nodes and items (XEP-0163, pep.*) in PostgreSQL, tables pep_nodes and pep_items "
    "(conninfo, connections)";

/// Reads conninfo and connections, creates the tables if missing and joins pep.get_nodes,
/// pep.set_node, pep.publish, pep.retract, pep.delete_node and account.deleted with a pool of
/// connection workers (shared by every vhost on the same database).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::pep_pg
