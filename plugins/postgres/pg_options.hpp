// The settings every PostgreSQL storage plugin shares: where the database is, how many connections.
#pragma once

#include <cstdint>
#include <string>

#include "config/plugin_settings.hpp"

namespace djabberd::plugins::postgres {

/// Validated connection settings of one [[vhosts.plugins]] table.
struct pg_options {
  /// libpq connection string or URI, e.g. "host=/run/postgresql dbname=djabberd".
  std::string conninfo;
  /// Connections in the plugin's pool (each one query at a time).
  std::int64_t connections = 4;
};

/// Reads `conninfo` (required, not empty) and `connections` (1..64, default 4). Throws
/// config::config_error naming file, line and key. The caller checks for unknown keys.
pg_options read_pg_options(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::postgres
