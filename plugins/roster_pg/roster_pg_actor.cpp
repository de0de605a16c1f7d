// roster_pg_actor: the shared roster-store behavior on the PostgreSQL store.
#include "plugins/roster_pg/roster_pg_actor.hpp"

#include "plugins/roster_store_behavior.hpp"

namespace djabberd::plugins::roster_pg {

caf::behavior roster_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_roster_store> store) {
  return roster_store_behavior("roster_pg", std::move(store));
}

}  // namespace djabberd::plugins::roster_pg
