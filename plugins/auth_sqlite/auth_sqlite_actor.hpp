// The actor answering the auth hooks from the SQLite account store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/auth_sqlite/account_store.hpp"

namespace djabberd::plugins::auth_sqlite {

/// Answers auth.get_secret, auth.check_password, auth.user_exists and account.register,
/// account.unregister, account.password for every vhost from
/// `store` (the vhost is the account's domain). Unknown users and database errors (logged as
/// warnings) are declined. Spawn it detached: every call blocks on disk.
caf::behavior auth_sqlite_actor(caf::event_based_actor* self, std::shared_ptr<account_store> store);

}  // namespace djabberd::plugins::auth_sqlite
