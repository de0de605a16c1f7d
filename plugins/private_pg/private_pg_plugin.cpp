// Starts (or joins) the private_pg connection pool for one vhost.
#include "plugins/private_pg/private_pg_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/postgres/pg_plugin_start.hpp"
#include "plugins/private_pg/private_pg_actor.hpp"

namespace djabberd::plugins::private_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({"conninfo", "connections"});
  auto options = postgres::read_pg_options(ctx.config.settings);
  caf::actor pool =
      postgres::shared_pool(ctx, name, options, private_schema, [&](const std::string& conninfo) {
        // Detached: libpq calls block on the network; on its own thread a worker never stalls
        // a scheduler worker.
        return ctx.system.spawn<caf::detached>(private_pg_actor,
                                               std::make_shared<pg_private_store>(conninfo));
      });
  return hooks::join(pool, {hooks::hook_id::private_get, hooks::hook_id::private_set});
}

}  // namespace djabberd::plugins::private_pg
