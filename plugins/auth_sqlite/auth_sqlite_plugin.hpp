// The auth_sqlite plugin: accounts in <data_dir>/djabberd.sqlite, managed with djabberctl.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::auth_sqlite {

/// The plugin's configuration name.
inline constexpr std::string_view name = "auth_sqlite";

/// One line for listings.
inline constexpr std::string_view summary =
    "accounts in the SQLite store in data_dir (SCRAM-SHA-1/-256 keys, managed with djabberctl)";

/// Opens the store (once per data_dir, shared by every vhost using the plugin) and registers its
/// actor for the auth hooks and the XEP-0077 account hooks (account.register, account.unregister,
/// account.password). Throws config::config_error if the plugin table has settings or the
/// database cannot be opened.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::auth_sqlite
