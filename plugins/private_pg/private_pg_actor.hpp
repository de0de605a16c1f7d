// One connection worker of private_pg: answers private.get / private.set from its own store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/private_pg/pg_private_store.hpp"

namespace djabberd::plugins::private_pg {

/// As private_sqlite: private.get -> handled(the stored element parsed back, or nullptr if
/// none); private.set -> handled(bool stored) under the element's "{namespace}name" key.
/// Database errors and unreadable stored text are logged and answered with an error. Spawn it
/// detached: calls block on the network.
caf::behavior private_pg_actor(caf::event_based_actor* self,
                               std::shared_ptr<pg_private_store> store);

}  // namespace djabberd::plugins::private_pg
