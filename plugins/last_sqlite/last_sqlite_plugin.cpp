// The last_sqlite actor (the shared last-store behavior on the SQLite store) and its start
// function.
#include "plugins/last_sqlite/last_sqlite_plugin.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/last_store_behavior.hpp"

namespace djabberd::plugins::last_sqlite {

caf::behavior last_sqlite_actor(caf::event_based_actor*, std::shared_ptr<last_store> store) {
  return last_store_behavior("last_sqlite", std::move(store));
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("last_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<last_store> store = last_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every write waits for an fsync; no scheduler worker waits behind the disk.
    return ctx.system.spawn<caf::detached>(last_sqlite_actor, std::move(store));
  });
  return hooks::join(handler, {hooks::hook_id::last_get, hooks::hook_id::last_set,
                               hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::last_sqlite
