// auth_pg_actor: the shared account-store behavior on the PostgreSQL store.
#include "plugins/auth_pg/auth_pg_actor.hpp"

#include "plugins/account_store_behavior.hpp"

namespace djabberd::plugins::auth_pg {

caf::behavior auth_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_account_store> store) {
  return account_store_behavior("auth_pg", std::move(store));
}

}  // namespace djabberd::plugins::auth_pg
