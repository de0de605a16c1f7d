// Starts the shared, detached block list store actor.
#include "plugins/blocklist_sqlite/blocklist_sqlite_plugin.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/blocklist_sqlite/blocklist_sqlite_actor.hpp"

namespace djabberd::plugins::blocklist_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("blocklist_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<blocklist_store> store = blocklist_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every write waits for an fsync, so no scheduler worker (and thus no session)
    // ever waits behind the disk.
    return ctx.system.spawn<caf::detached>(blocklist_sqlite_actor, std::move(store));
  });
  return hooks::join(handler, {hooks::hook_id::blocklist_get, hooks::hook_id::blocklist_add,
                               hooks::hook_id::blocklist_remove, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::blocklist_sqlite
