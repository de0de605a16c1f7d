// The presence_note example plugin: alters a client's available presence before it goes out.
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::presence_note {

/// The plugin's configuration name.
inline constexpr std::string_view name = "presence_note";

/// One line for listings.
inline constexpr std::string_view summary =
    "example transform hook: appends a suffix to <status/> and/or adds an element to available "
    "presence, counting the presences seen";

/// Reads `status_suffix` and `add_element` (presence_note_actor.hpp) and joins
/// presence.alter_available.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::presence_note
