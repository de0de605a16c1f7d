// auth_sqlite_actor: the shared account-store behavior on the SQLite store.
#include "plugins/auth_sqlite/auth_sqlite_actor.hpp"

#include "plugins/account_store_behavior.hpp"

namespace djabberd::plugins::auth_sqlite {

caf::behavior auth_sqlite_actor(caf::event_based_actor*, std::shared_ptr<account_store> store) {
  return account_store_behavior("auth_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::auth_sqlite
