// The actor answering the roster storage hooks from memory.
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "plugins/roster_memory/memory_roster.hpp"

namespace djabberd::plugins::roster_memory {

/// The actor's state: the rosters of every vhost using the plugin.
struct roster_memory_state {
  memory_roster rosters;
  static inline const char* name = "roster_memory";
};

/// Answers roster.get, roster.set_item, roster.remove and roster.wipe for every vhost (the vhost
/// is the domain key). Every write is handled(true). Never blocks, so it runs on the scheduler.
caf::behavior roster_memory_actor(caf::stateful_actor<roster_memory_state>* self);

}  // namespace djabberd::plugins::roster_memory
