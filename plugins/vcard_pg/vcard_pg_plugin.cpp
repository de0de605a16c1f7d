// Starts (or joins) the vcard_pg connection pool for one vhost.
#include "plugins/vcard_pg/vcard_pg_plugin.hpp"

#include "plugins/postgres/pg_store_plugin.hpp"
#include "plugins/vcard_pg/vcard_pg_actor.hpp"

namespace djabberd::plugins::vcard_pg {

std::vector<hooks::registration> start(plugin_context& ctx) {
  return postgres::start_store_plugin<pg_vcard_store>(
      ctx, name, vcard_schema, vcard_pg_actor,
      {hooks::hook_id::vcard_get, hooks::hook_id::vcard_set, hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::vcard_pg
