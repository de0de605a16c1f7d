// offline_pg_actor: the shared offline-store behavior on the PostgreSQL store.
#include "plugins/offline_pg/offline_pg_actor.hpp"

#include "plugins/offline_store_behavior.hpp"

namespace djabberd::plugins::offline_pg {

caf::behavior offline_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_offline_store> store) {
  return offline_store_behavior("offline_pg", std::move(store));
}

}  // namespace djabberd::plugins::offline_pg
