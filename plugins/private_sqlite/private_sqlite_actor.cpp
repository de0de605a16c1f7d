// private_sqlite_actor: the shared private-store behavior on the SQLite store.
#include "plugins/private_sqlite/private_sqlite_actor.hpp"

#include "plugins/private_store_behavior.hpp"

namespace djabberd::plugins::private_sqlite {

caf::behavior private_sqlite_actor(caf::event_based_actor*, std::shared_ptr<private_store> store) {
  return private_store_behavior("private_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::private_sqlite
