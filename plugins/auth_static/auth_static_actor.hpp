// The actor answering the auth hooks for the users listed in the configuration.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/auth_static/static_users.hpp"

namespace djabberd::plugins::auth_static {

/// Answers auth.get_secret, auth.check_password (constant-time key comparison) and
/// auth.user_exists for `accounts`; declines every other user, so it can be chained with other
/// account plugins. No I/O: runs as a normal scheduled actor.
caf::behavior auth_static_actor(caf::event_based_actor* self,
                                std::shared_ptr<const static_accounts> accounts);

}  // namespace djabberd::plugins::auth_static
