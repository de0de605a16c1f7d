// The start function of a PostgreSQL store plugin: its settings, its tables, a pool of workers.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/spawn_options.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"
#include "plugins/postgres/pg_plugin_start.hpp"

namespace djabberd::plugins::postgres {

/// A worker's behavior over its own store (one pg_connection inside `Store`).
template <class Store>
using store_worker = caf::behavior (*)(caf::event_based_actor*, std::shared_ptr<Store>);

/// Accepts only `conninfo` and `connections`, creates `schema` if missing and joins `ids` with
/// the pool of plugin `plugin` on that database (shared by every vhost using it), whose workers
/// run `worker` over a `Store(conninfo)` each.
template <class Store>
std::vector<hooks::registration> start_store_plugin(plugin_context& ctx, std::string_view plugin,
                                                    std::string_view schema,
                                                    store_worker<Store> worker,
                                                    std::initializer_list<hooks::hook_id> ids) {
  ctx.config.settings.allow_only({"conninfo", "connections"});
  auto options = read_pg_options(ctx.config.settings);
  caf::actor pool = shared_pool(ctx, plugin, options, schema, [&](const std::string& conninfo) {
    // Detached: libpq calls block on the network; on its own thread a worker never stalls a
    // scheduler worker.
    return ctx.system.spawn<caf::detached>(worker, std::make_shared<Store>(conninfo));
  });
  return hooks::join(pool, ids);
}

}  // namespace djabberd::plugins::postgres
