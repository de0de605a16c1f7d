// One connection worker of blocklist_pg: answers blocklist.* and account.deleted from its store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/blocklist_pg/pg_blocklist_store.hpp"

namespace djabberd::plugins::blocklist_pg {

/// As blocklist_sqlite: blocklist.get -> handled(std::vector<std::string>); blocklist.add /
/// blocklist.remove -> handled(bool). A failed read is logged and answered with an error (the
/// chain counts it as failed, so the account actor does not cache an empty list).
/// account.deleted (notify) removes the account's list. Spawn it detached: calls block on the
/// network.
caf::behavior blocklist_pg_actor(caf::event_based_actor* self,
                                 std::shared_ptr<pg_blocklist_store> store);

}  // namespace djabberd::plugins::blocklist_pg
