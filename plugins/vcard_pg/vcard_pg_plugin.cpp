// Starts (or joins) the vcard_pg connection pool for one vhost.
#include "plugins/vcard_pg/vcard_pg_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/postgres/pg_plugin_start.hpp"
#include "plugins/vcard_pg/vcard_pg_actor.hpp"

namespace djabberd::plugins::vcard_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({"conninfo", "connections"});
  auto options = postgres::read_pg_options(ctx.config.settings);
  caf::actor pool =
      postgres::shared_pool(ctx, name, options, vcard_schema, [&](const std::string& conninfo) {
        // Detached: libpq calls block on the network; on its own thread a worker never stalls
        // a scheduler worker.
        return ctx.system.spawn<caf::detached>(vcard_pg_actor,
                                               std::make_shared<pg_vcard_store>(conninfo));
      });
  return hooks::join(pool, {hooks::hook_id::vcard_get, hooks::hook_id::vcard_set});
}

}  // namespace djabberd::plugins::vcard_pg
