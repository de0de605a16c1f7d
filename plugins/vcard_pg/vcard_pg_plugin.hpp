// vcard_pg: vCard storage (vcard.get / vcard.set) in PostgreSQL.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::vcard_pg {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "vcard_pg";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores vCards (vcard.get / vcard.set) in PostgreSQL, table vcards (conninfo, connections)";

/// Reads conninfo and connections, creates the table if missing and joins vcard.get and
/// vcard.set with a pool of connection workers (shared by every vhost on the same database).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::vcard_pg
