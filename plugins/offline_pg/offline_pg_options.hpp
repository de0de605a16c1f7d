// The settings of the offline_pg plugin.
#pragma once

#include <cstdint>

#include "config/plugin_settings.hpp"
#include "plugins/postgres/pg_options.hpp"

namespace djabberd::plugins::offline_pg {

/// Validated settings of one vhost's offline_pg table.
struct offline_pg_options {
  postgres::pg_options connection;
  /// Messages kept per account; a message beyond this is refused (offline.store handled(false)).
  std::int64_t max_messages = 1000;
};

/// Reads conninfo, connections and `max_messages` (integer, 1..1000000, default 1000, as
/// offline_sqlite). Throws config::config_error naming file, line and key for a bad value or any
/// other key.
offline_pg_options read_offline_pg_options(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::offline_pg
