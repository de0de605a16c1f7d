// Starts the shared, detached offline-store actor and one vhost's quota front.
#include "plugins/offline_sqlite/offline_sqlite_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/offline_sqlite/offline_options.hpp"
#include "plugins/offline_sqlite/offline_sqlite_actor.hpp"
#include "plugins/offline_store_behavior.hpp"

namespace djabberd::plugins::offline_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  offline_options options = read_offline_options(ctx.config.settings);
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor backend = ctx.shared_actor("offline_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<offline_store> store = offline_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every SQLite call blocks on disk (a synchronous fsync per write, and up to the
    // 5 s busy timeout while another connection writes). On its own thread it never stalls a
    // scheduler worker, and so never a connection or session.
    return ctx.system.spawn<caf::detached>(offline_sqlite_actor, std::move(store));
  });
  // The quota is a per-vhost setting but the store actor is shared: a small front per vhost adds
  // it to each offline.store request.
  caf::actor quota = ctx.system.spawn(offline_quota_actor, backend, options.max_messages);
  return offline_store_registrations(quota, backend);
}

}  // namespace djabberd::plugins::offline_sqlite
