// The roster_sqlite plugin: every account's roster in <data_dir>/djabberd.sqlite.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::roster_sqlite {

/// The plugin's configuration name.
inline constexpr std::string_view name = "roster_sqlite";

/// One line for listings.
inline constexpr std::string_view summary =
    "rosters and subscription states in the SQLite store in data_dir";

/// Opens the store (once per data_dir, shared by every vhost using the plugin) and registers its
/// actor for roster.get, roster.set_item, roster.remove and roster.wipe. Throws
/// config::config_error if the plugin table has settings or the database cannot be opened.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::roster_sqlite
