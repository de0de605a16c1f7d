// last_sqlite: stores accounts' last logout (XEP-0012) in <data_dir>/djabberd.sqlite.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"
#include "plugins/last_sqlite/last_store.hpp"

namespace djabberd::plugins::last_sqlite {

inline constexpr std::string_view name = "last_sqlite";
inline constexpr std::string_view summary = "Last logout of accounts (XEP-0012) in SQLite";

/// last.get -> handled(std::int64_t seconds, std::string status), declined when none is stored,
/// an error when the database fails; last.set -> handled(bool stored). Spawn it detached.
caf::behavior last_sqlite_actor(caf::event_based_actor* self, std::shared_ptr<last_store> store);

/// No settings. One store per data_dir (shared across vhosts); joins last.get and last.set.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::last_sqlite
