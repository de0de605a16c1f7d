// The s2s_policy handler actor: one per vhost, answering from its rules.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/s2s_policy/s2s_policy_rules.hpp"

namespace djabberd::plugins::s2s_policy {

caf::behavior policy_actor(caf::event_based_actor* self, std::shared_ptr<const policy_rules> rules);

}  // namespace djabberd::plugins::s2s_policy
