// The auth_extauth plugin: passwords checked by an operator's program (ejabberd extauth protocol).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::auth_extauth {

/// The plugin's configuration name.
inline constexpr std::string_view name = "auth_extauth";

/// One line for listings.
inline constexpr std::string_view summary =
    "passwords checked by an external program speaking ejabberd's extauth protocol (PLAIN only)";

/// Validates the settings (see extauth_options.hpp), starts `instances` programs, each owned by
/// a detached child actor, and a front actor joining auth.check_password and auth.user_exists.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::auth_extauth
