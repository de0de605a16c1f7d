// The failed-login guard: back-off for SASL failures and temporary bans of client addresses.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "config/config.hpp"

namespace djabberd {

/// Spawns the guard (one per server, a scheduled actor around auth::login_throttle).
///
/// Messages it handles:
/// - (atoms::login_fail, std::string address, std::string account) -> std::int64_t: records a
///   failed SASL exchange and answers how many milliseconds the <failure/> is held back; logs and
///   counts the ban when this failure gets the address banned.
/// - (atoms::login_ok, std::string account): forgets the account's failures.
/// - (atoms::banned, std::string address) -> std::string: "" or why the address is refused.
/// - (atoms::bans) -> std::vector<std::string>: "ADDRESS\tSECONDS_LEFT" lines (admin socket).
/// - (atoms::unban, std::string address) -> bool: lifts a ban; false if there was none.
caf::actor spawn_auth_guard(caf::actor_system& sys, const config::limits_config& limits);

}  // namespace djabberd
