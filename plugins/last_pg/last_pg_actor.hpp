// One connection worker of last_pg: answers last.get / last.set and account.deleted.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/last_pg/pg_last_store.hpp"

namespace djabberd::plugins::last_pg {

/// As last_sqlite: last.get -> handled(std::int64_t seconds, std::string status), declined when
/// none is stored, an error when the database fails; last.set -> handled(bool stored).
/// account.deleted (notify) forgets the account's logout. Spawn it detached: calls block on the
/// network.
caf::behavior last_pg_actor(caf::event_based_actor* self, std::shared_ptr<pg_last_store> store);

}  // namespace djabberd::plugins::last_pg
