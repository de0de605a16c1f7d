// read_pg_options: validation of conninfo and connections.
#include "plugins/postgres/pg_options.hpp"

namespace djabberd::plugins::postgres {

pg_options read_pg_options(const config::plugin_settings& settings) {
  pg_options options;
  options.conninfo = settings.get_string("conninfo", "");
  if (options.conninfo.empty())
    settings.fail("conninfo",
                  "missing or empty: the libpq connection string of the PostgreSQL database "
                  "(e.g. \"host=/run/postgresql dbname=djabberd\")");
  options.connections = settings.get_int("connections", options.connections, 1, 64);
  return options;
}

}  // namespace djabberd::plugins::postgres
