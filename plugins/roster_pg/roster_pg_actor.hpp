// One connection worker of roster_pg: answers the roster storage hooks from its own store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/roster_pg/pg_roster_store.hpp"

namespace djabberd::plugins::roster_pg {

/// Answers roster.get, roster.set_item, roster.remove and roster.wipe for every vhost from
/// `store`, as roster_sqlite does: a write that fails is answered handled(false) and logged; a
/// read that fails makes the request fail with an error rather than decline (declined means "no
/// roster stored", and the caller could then overwrite the real one). Spawn it detached: every
/// call blocks on the network.
caf::behavior roster_pg_actor(caf::event_based_actor* self, std::shared_ptr<pg_roster_store> store);

}  // namespace djabberd::plugins::roster_pg
