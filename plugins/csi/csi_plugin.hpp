// csi: XEP-0352 client state indication. The plugin advertises <csi xmlns='urn:xmpp:csi:0'/>
// after authentication; the session (actors/c2s/session_csi.cpp) accepts <active/>/<inactive/>
// only on vhosts that list this plugin, and holds presence updates while the client is inactive.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::csi {

inline constexpr std::string_view name = "csi";
inline constexpr std::string_view summary =
    "XEP-0352 client state indication: hold presence updates for inactive clients";

/// No settings. Joins stream.features.
std::vector<hooks::registration> start(plugin_context& ctx);

/// The actor answering stream.features with the <csi/> feature.
caf::behavior csi_actor(caf::event_based_actor* self);

}  // namespace djabberd::plugins::csi
