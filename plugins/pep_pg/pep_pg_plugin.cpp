// Starts (or joins) the pep_pg connection pool for one vhost.
#include "plugins/pep_pg/pep_pg_plugin.hpp"

#include "plugins/pep_pg/pep_pg_actor.hpp"
#include "plugins/postgres/pg_store_plugin.hpp"

namespace djabberd::plugins::pep_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  return postgres::start_store_plugin<pg_pep_store>(
      ctx, name, pep_schema, pep_pg_actor,
      {hooks::hook_id::pep_get_nodes, hooks::hook_id::pep_set_node, hooks::hook_id::pep_publish,
       hooks::hook_id::pep_retract, hooks::hook_id::pep_delete_node,
       hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::pep_pg
