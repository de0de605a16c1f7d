// blocklist_sqlite: XEP-0191 block list storage (blocklist.*) in the SQLite database of data_dir.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::blocklist_sqlite {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "blocklist_sqlite";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores XEP-0191 block lists (blocklist.*) in <data_dir>/djabberd.sqlite, table blocklist";

/// No settings. Opens the store once per data_dir (shared by every vhost using the plugin),
/// spawns its detached actor and joins blocklist.get, blocklist.add, blocklist.remove and
/// account.deleted.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::blocklist_sqlite
