// The extprog plugin: any supported hook answered by an operator's program (JSON lines).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::extprog {

/// The plugin's configuration name.
inline constexpr std::string_view name = "extprog";

/// One line for listings.
inline constexpr std::string_view summary =
    "hooks answered by an external program in any language (one JSON object per line)";

/// Validates the settings (extprog_options.hpp), starts the programs under one core actor and
/// returns one handler actor per hook listed in `hooks`.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::extprog
