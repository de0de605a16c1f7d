// blocklist_pg_actor: the shared blocklist-store behavior on the PostgreSQL store.
#include "plugins/blocklist_pg/blocklist_pg_actor.hpp"

#include "plugins/blocklist_store_behavior.hpp"

namespace djabberd::plugins::blocklist_pg {

caf::behavior blocklist_pg_actor(caf::event_based_actor*,
                                 std::shared_ptr<pg_blocklist_store> store) {
  return blocklist_store_behavior("blocklist_pg", std::move(store));
}

}  // namespace djabberd::plugins::blocklist_pg
