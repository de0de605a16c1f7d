// Starts the shared, detached PEP store actor.
#include "plugins/pep_sqlite/pep_sqlite_plugin.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/pep_sqlite/pep_sqlite_actor.hpp"

namespace djabberd::plugins::pep_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("pep_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<pep_store> store = pep_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every write waits for an fsync; no scheduler worker waits behind the disk.
    return ctx.system.spawn<caf::detached>(pep_sqlite_actor, std::move(store));
  });
  return hooks::join(handler, {hooks::hook_id::pep_get_nodes, hooks::hook_id::pep_set_node,
                               hooks::hook_id::pep_publish, hooks::hook_id::pep_retract,
                               hooks::hook_id::pep_delete_node, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::pep_sqlite
