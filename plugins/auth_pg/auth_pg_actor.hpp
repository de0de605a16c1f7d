// One connection worker of auth_pg: answers the auth hooks from its own account store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/auth_pg/pg_account_store.hpp"

namespace djabberd::plugins::auth_pg {

/// Answers auth.get_secret, auth.check_password, auth.user_exists and account.register,
/// account.unregister, account.password for every vhost from
/// `store` (the vhost is the account's domain), as auth_sqlite does: unknown users and database
/// errors (logged as warnings) are declined, so the chain's default refuses the login. Spawn it
/// detached: every call blocks on the network.
caf::behavior auth_pg_actor(caf::event_based_actor* self, std::shared_ptr<pg_account_store> store);

}  // namespace djabberd::plugins::auth_pg
