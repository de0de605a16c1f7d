// Starts (or joins) the roster_pg connection pool for one vhost.
#include "plugins/roster_pg/roster_pg_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/postgres/pg_plugin_start.hpp"
#include "plugins/roster_pg/pg_roster_schema.hpp"
#include "plugins/roster_pg/roster_pg_actor.hpp"
#include "plugins/roster_registrations.hpp"

namespace djabberd::plugins::roster_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({"conninfo", "connections"});
  auto options = postgres::read_pg_options(ctx.config.settings);
  caf::actor pool =
      postgres::shared_pool(ctx, name, options, roster_schema, [&](const std::string& conninfo) {
        // Detached: libpq calls block on the network (and on connecting again after a lost
        // connection); on its own thread a worker never stalls a scheduler worker.
        return ctx.system.spawn<caf::detached>(roster_pg_actor,
                                               std::make_shared<pg_roster_store>(conninfo));
      });
  return roster_registrations(pool);
}

}  // namespace djabberd::plugins::roster_pg
