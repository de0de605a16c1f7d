// filter_pattern: drops client stanzas whose text matches a regular expression (c2s.filter).
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::filter_pattern {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "filter_pattern";
/// One line for listings.
inline constexpr std::string_view summary =
    "drops messages whose text matches a regular expression (c2s.filter, outbound.pre_write)";

/// Reads `pattern` (required, ECMAScript regex), `kinds` (default ["message"]) and `direction`
/// ("in" = c2s.filter, the default; "out" = outbound.pre_write; "both"), spawns the filter actor
/// and joins those hooks.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::filter_pattern
