// private_pg_actor: the shared private-store behavior on the PostgreSQL store.
#include "plugins/private_pg/private_pg_actor.hpp"

#include "plugins/private_store_behavior.hpp"

namespace djabberd::plugins::private_pg {

caf::behavior private_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_private_store> store) {
  return private_store_behavior("private_pg", std::move(store));
}

}  // namespace djabberd::plugins::private_pg
