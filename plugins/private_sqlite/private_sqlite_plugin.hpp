// private_sqlite: private XML storage (private.get / private.set) in the SQLite database.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::private_sqlite {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "private_sqlite";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores private XML (private.get / private.set) in <data_dir>/djabberd.sqlite";

/// No settings. Opens the store once per data_dir (shared by every vhost using the plugin),
/// spawns its detached actor and joins private.get, private.set and account.deleted (forgets the
/// private XML of a removed account).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::private_sqlite
