// roster_sqlite_actor: the shared roster-store behavior on the SQLite store.
#include "plugins/roster_sqlite/roster_sqlite_actor.hpp"

#include "plugins/roster_store_behavior.hpp"

namespace djabberd::plugins::roster_sqlite {

caf::behavior roster_sqlite_actor(caf::event_based_actor*, std::shared_ptr<roster_store> store) {
  return roster_store_behavior("roster_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::roster_sqlite
