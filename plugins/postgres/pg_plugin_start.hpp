// What every PostgreSQL plugin does at start: create its tables, then share one pool per database.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <caf/actor.hpp>

#include "actors/plugin.hpp"
#include "plugins/postgres/pg_options.hpp"

namespace djabberd::plugins::postgres {

/// Spawns one detached worker with its own connection to `conninfo`.
using spawn_worker = std::function<caf::actor(const std::string& conninfo)>;

/// Returns the pool of plugin `plugin` for `options.conninfo`, shared by every vhost using the
/// plugin on that database (the first vhost's `connections` sets its size). The first time it
/// creates `schema` (blocking, like the SQLite stores opening their file) and throws
/// config::config_error at `conninfo` if the database cannot be reached or the tables cannot be
/// created, then spawns the pool of `options.connections` workers.
caf::actor shared_pool(plugin_context& ctx, std::string_view plugin, const pg_options& options,
                       std::string_view schema, const spawn_worker& make_worker);

}  // namespace djabberd::plugins::postgres
