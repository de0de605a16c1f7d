// shared_pool: schema first, then the pool, once per plugin and database.
#include "plugins/postgres/pg_plugin_start.hpp"

#include "plugins/postgres/pg_pool.hpp"
#include "plugins/postgres/pg_schema.hpp"

namespace djabberd::plugins::postgres {

caf::actor shared_pool(plugin_context& ctx, std::string_view plugin, const pg_options& options,
                       std::string_view schema, const spawn_worker& make_worker) {
  return ctx.shared_actor(std::string(plugin) + ":" + options.conninfo, [&] {
    if (auto error = create_schema(options.conninfo, schema); !error.empty())
      ctx.config.settings.fail("conninfo", error);
    return spawn_pool(ctx.system, static_cast<std::size_t>(options.connections),
                      [&] { return make_worker(options.conninfo); });
  });
}

}  // namespace djabberd::plugins::postgres
