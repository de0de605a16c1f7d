// read_offline_pg_options: validation of the offline_pg settings.
#include "plugins/offline_pg/offline_pg_options.hpp"

namespace djabberd::plugins::offline_pg {

offline_pg_options read_offline_pg_options(const config::plugin_settings& settings) {
  settings.allow_only({"conninfo", "connections", "max_messages"});
  offline_pg_options options;
  options.connection = postgres::read_pg_options(settings);
  options.max_messages = settings.get_int("max_messages", options.max_messages, 1, 1000000);
  return options;
}

}  // namespace djabberd::plugins::offline_pg
