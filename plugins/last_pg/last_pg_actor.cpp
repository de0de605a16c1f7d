// last_pg_actor: the shared last-store behavior on the PostgreSQL store.
#include "plugins/last_pg/last_pg_actor.hpp"

#include "plugins/last_store_behavior.hpp"

namespace djabberd::plugins::last_pg {

caf::behavior last_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_last_store> store) {
  return last_store_behavior("last_pg", std::move(store));
}

}  // namespace djabberd::plugins::last_pg
