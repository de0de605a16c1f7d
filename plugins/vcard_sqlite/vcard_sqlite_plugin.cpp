// Starts the shared, detached vCard store actor.
#include "plugins/vcard_sqlite/vcard_sqlite_plugin.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/vcard_sqlite/vcard_sqlite_actor.hpp"

namespace djabberd::plugins::vcard_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("vcard_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<vcard_store> store = vcard_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every write waits for an fsync, so no scheduler worker (and thus no session)
    // ever waits behind the disk.
    return ctx.system.spawn<caf::detached>(vcard_sqlite_actor, std::move(store));
  });
  return hooks::join(handler, {hooks::hook_id::vcard_get, hooks::hook_id::vcard_set,
                               hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::vcard_sqlite
