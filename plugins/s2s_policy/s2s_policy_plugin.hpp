// s2s_policy: federation policy from the plugin's settings, answering the s2s hooks.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::s2s_policy {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "s2s_policy";
/// One line for listings.
inline constexpr std::string_view summary =
    "federation policy: deny list, stanza filter, pinned peers, dialback secret, routes, pings";

/// Reads the settings (see docs/hooks.md, "Settings of s2s_policy"), spawns the policy actor and
/// joins the hooks the settings use.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::s2s_policy
