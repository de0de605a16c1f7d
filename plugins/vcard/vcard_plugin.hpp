// vcard: XEP-0054 vcard-temp protocol; the vCards themselves live behind vcard.get / vcard.set.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::vcard {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "vcard";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0054: vCard get/set of the user's own account and get of other accounts' vCards";

/// Reads `max_size` (bytes of a serialized vCard, 1..16777216, default 65536), spawns the actor
/// and joins iq.c2s, iq.account, disco.server_info, avatar.hash and presence.alter_available
/// (XEP-0153 photo hash in presence). Storage: a plugin answering vcard.get /
/// vcard.set (e.g. vcard_sqlite), asked through the vhost's hook runner.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::vcard
