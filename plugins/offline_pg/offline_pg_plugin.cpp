// Starts (or joins) the offline_pg connection pool, and one vhost's quota front.
#include "plugins/offline_pg/offline_pg_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/offline_pg/offline_pg_actor.hpp"
#include "plugins/offline_pg/offline_pg_options.hpp"
#include "plugins/offline_pg/pg_offline_schema.hpp"
#include "plugins/offline_sqlite/offline_sqlite_actor.hpp"
#include "plugins/offline_store_behavior.hpp"
#include "plugins/postgres/pg_plugin_start.hpp"

namespace djabberd::plugins::offline_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  offline_pg_options options = read_offline_pg_options(ctx.config.settings);
  caf::actor pool = postgres::shared_pool(
      ctx, name, options.connection, offline_schema, [&](const std::string& conninfo) {
        // Detached: libpq calls block on the network (and on connecting again after a lost
        // connection); on its own thread a worker never stalls a scheduler worker.
        return ctx.system.spawn<caf::detached>(offline_pg_actor,
                                               std::make_shared<pg_offline_store>(conninfo));
      });
  // The quota is a per-vhost setting but the pool is shared: offline_sqlite's small front adds
  // it to each offline.store request (it only forwards, whatever the store behind it).
  caf::actor quota =
      ctx.system.spawn(offline_sqlite::offline_quota_actor, pool, options.max_messages);
  return offline_store_registrations(quota, pool);
}

}  // namespace djabberd::plugins::offline_pg
