// register: XEP-0077 In-Band Registration (jabber:iq:register), off unless a vhost lists it.
//
// The protocol lives in the core (actors/c2s/session_register.cpp): with this plugin listed
// (vhost_runtime::registration) the session offers the stream feature before authentication,
// answers the registration form and registers through account.register; authenticated users may
// change their password (account.password) and remove their account (account.unregister, then
// roster.wipe and account.deleted). The account store answers those hooks (auth_sqlite). This
// plugin applies the vhost's policy through account.policy and counts registrations per address
// through account.created.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"
#include "plugins/register/register_actor.hpp"

namespace djabberd::plugins::register_ {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "register";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0077: in-band registration, password change and account removal (with a policy)";

/// Reads the settings (allow_from, max_per_ip, per_seconds, min_password_length), throwing
/// config_error naming file, line and key for a bad value.
register_policy read_policy(const config::plugin_settings& settings);

/// Spawns the policy actor and joins account.policy and account.created.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::register_
