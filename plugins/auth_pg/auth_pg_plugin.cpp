// Starts (or joins) the auth_pg connection pool for one vhost.
#include "plugins/auth_pg/auth_pg_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/account_store_behavior.hpp"
#include "plugins/auth_pg/auth_pg_actor.hpp"
#include "plugins/auth_pg/pg_account_schema.hpp"
#include "plugins/postgres/pg_plugin_start.hpp"

namespace djabberd::plugins::auth_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({"conninfo", "connections"});
  auto options = postgres::read_pg_options(ctx.config.settings);
  caf::actor pool =
      postgres::shared_pool(ctx, name, options, account_schema, [&](const std::string& conninfo) {
        // Detached: libpq calls block on the network (and on connecting again after a lost
        // connection). On its own thread a worker never stalls a scheduler worker, and so never
        // a connection or session; the pool spreads the queries over the workers.
        return ctx.system.spawn<caf::detached>(auth_pg_actor,
                                               std::make_shared<pg_account_store>(conninfo));
      });
  return account_store_registrations(pool);
}

}  // namespace djabberd::plugins::auth_pg
