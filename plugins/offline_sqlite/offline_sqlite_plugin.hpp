// The offline_sqlite plugin: offline messages (XEP-0160) in <data_dir>/djabberd.sqlite.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::offline_sqlite {

/// The plugin's configuration name.
inline constexpr std::string_view name = "offline_sqlite";

/// One line for listings.
inline constexpr std::string_view summary =
    "offline messages in the SQLite store in data_dir (max_messages per account)";

/// Reads the settings, opens the store (once per data_dir, shared by every vhost using the
/// plugin) and registers its actor for offline.fetch, offline.remove and account.deleted (a
/// removed account's messages are dropped), and a per-vhost actor
/// applying the vhost's max_messages for offline.store. Throws config::config_error for a bad
/// setting or if the database cannot be opened.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::offline_sqlite
