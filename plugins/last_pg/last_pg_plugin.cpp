// Starts (or joins) the last_pg connection pool for one vhost.
#include "plugins/last_pg/last_pg_plugin.hpp"

#include "plugins/last_pg/last_pg_actor.hpp"
#include "plugins/postgres/pg_store_plugin.hpp"

namespace djabberd::plugins::last_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  return postgres::start_store_plugin<pg_last_store>(
      ctx, name, last_schema, last_pg_actor,
      {hooks::hook_id::last_get, hooks::hook_id::last_set, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::last_pg
