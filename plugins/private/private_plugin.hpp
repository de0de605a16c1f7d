// private: XEP-0049 private XML storage protocol (jabber:iq:private); the data lives behind
// private.get / private.set.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::private_xml {

/// The plugin's name in [[vhosts.plugins]].
inline constexpr std::string_view name = "private";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0049: private XML storage of the user's own account (also XEP-0048 bookmarks)";

/// Reads `reject_reserved` (default true), spawns the actor and joins iq.c2s, iq.account and
/// disco.server_info. Storage: a plugin answering private.get / private.set (e.g.
/// private_sqlite), asked through the vhost's hook runner.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::private_xml
