// One connection worker of vcard_pg: answers vcard.get / vcard.set from its own store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/vcard_pg/pg_vcard_store.hpp"

namespace djabberd::plugins::vcard_pg {

/// As vcard_sqlite: vcard.get -> handled(the stored vCard parsed back, or nullptr if none);
/// vcard.set -> handled(bool stored). Database errors and unreadable stored text are logged and
/// answered with an error. Spawn it detached: calls block on the network.
caf::behavior vcard_pg_actor(caf::event_based_actor* self, std::shared_ptr<pg_vcard_store> store);

}  // namespace djabberd::plugins::vcard_pg
