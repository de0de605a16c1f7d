// vcard_sqlite: vCard storage (vcard.get / vcard.set) in the SQLite database of data_dir.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::vcard_sqlite {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "vcard_sqlite";
/// One line for listings.
inline constexpr std::string_view summary =
    "stores vCards (vcard.get / vcard.set) in <data_dir>/djabberd.sqlite, table vcards";

/// No settings. Opens the store once per data_dir (shared by every vhost using the plugin),
/// spawns its detached actor and joins vcard.get, vcard.set and account.deleted (forgets the
/// vCard of a removed account).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::vcard_sqlite
