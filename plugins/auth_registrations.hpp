// The hook registrations shared by the account plugins: one actor answering every auth lookup.
#pragma once

#include <vector>

#include <caf/actor.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::plugins {

/// Registers `handler` for auth.get_secret, auth.check_password and auth.user_exists.
inline std::vector<hooks::registration> auth_registrations(const caf::actor& handler) {
  return hooks::join(handler, {hooks::hook_id::auth_get_secret, hooks::hook_id::auth_check_password,
                               hooks::hook_id::auth_user_exists});
}

}  // namespace djabberd::plugins
