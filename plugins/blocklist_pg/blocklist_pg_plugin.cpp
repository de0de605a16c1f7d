// Starts (or joins) the blocklist_pg connection pool for one vhost.
#include "plugins/blocklist_pg/blocklist_pg_plugin.hpp"

#include "plugins/blocklist_pg/blocklist_pg_actor.hpp"
#include "plugins/postgres/pg_store_plugin.hpp"

namespace djabberd::plugins::blocklist_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  return postgres::start_store_plugin<pg_blocklist_store>(
      ctx, name, blocklist_schema, blocklist_pg_actor,
      {hooks::hook_id::blocklist_get, hooks::hook_id::blocklist_add,
       hooks::hook_id::blocklist_remove, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::blocklist_pg
