// pep: XEP-0163 Personal Eventing Protocol on the vhost's accounts.
//
// Like carbons, the protocol lives in the core: each account's actor is its own PEP service
// (actors/user/user_pep*.cpp) because only it knows the account's roster, resources and
// contacts' presence. The core serves pubsub IQs to a bare JID if and only if the vhost lists
// this plugin; without it they are answered with service-unavailable. This plugin advertises
// the service (identity pubsub/pep and the pubsub features on the account's disco#info, XEP-0163
// §6.1). Nodes are stored through the pep.* hooks (plugins/pep_sqlite); without a storage plugin
// they live only as long as the account's actor.
#pragma once

#include <string_view>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::pep {

/// The plugin's name in [[vhosts.plugins]] (the core looks for it, actors/user/user_pep.cpp).
inline constexpr std::string_view name = "pep";
/// One line for listings.
inline constexpr std::string_view summary =
    "XEP-0163: personal eventing (avatars, bookmarks, OMEMO device lists) on every account";

/// disco.account_info: handled(<query> with identity pubsub/pep and the pubsub features </query>).
caf::behavior pep_actor(caf::event_based_actor* self);

/// No settings. Spawns the actor and joins disco.account_info.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::pep
