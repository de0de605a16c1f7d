// iq_echo: an example iq.c2s handler answering urn:djabberd:example:echo, optionally late.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::iq_echo {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "iq_echo";
/// One line for listings.
inline constexpr std::string_view summary =
    "example iq.c2s handler: echoes <echo xmlns='urn:djabberd:example:echo'/> gets";

/// The namespace it answers.
inline constexpr std::string_view echo_ns = "urn:djabberd:example:echo";

/// Reads `delay_ms` (0..60000, default 0), spawns the echo actor and joins iq.c2s,
/// stream.features (it advertises <echo xmlns='urn:djabberd:example:echo'/> after SASL) and, as
/// a notify example, session.bound / session.unbound (logged at debug).
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::iq_echo
