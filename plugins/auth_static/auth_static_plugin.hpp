// The auth_static plugin: accounts listed in the configuration file (`users = { alice = "..." }`).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::auth_static {

/// The plugin's configuration name.
inline constexpr std::string_view name = "auth_static";

/// One line for listings.
inline constexpr std::string_view summary =
    "accounts listed in the configuration (users = { name = \"password\" }), for tests and "
    "small setups";

/// Reads the users (throwing config::config_error naming the key on bad entries), derives
/// their SCRAM keys and registers an actor for the auth hooks of this vhost.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::auth_static
