// Starts (or joins) the private_pg connection pool for one vhost.
#include "plugins/private_pg/private_pg_plugin.hpp"

#include "plugins/postgres/pg_store_plugin.hpp"
#include "plugins/private_pg/private_pg_actor.hpp"

namespace djabberd::plugins::private_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  return postgres::start_store_plugin<pg_private_store>(
      ctx, name, private_schema, private_pg_actor,
      {hooks::hook_id::private_get, hooks::hook_id::private_set, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::private_pg
