// blocklist_sqlite_actor: the shared blocklist-store behavior on the SQLite store.
#include "plugins/blocklist_sqlite/blocklist_sqlite_actor.hpp"

#include "plugins/blocklist_store_behavior.hpp"

namespace djabberd::plugins::blocklist_sqlite {

caf::behavior blocklist_sqlite_actor(caf::event_based_actor*,
                                     std::shared_ptr<blocklist_store> store) {
  return blocklist_store_behavior("blocklist_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::blocklist_sqlite
