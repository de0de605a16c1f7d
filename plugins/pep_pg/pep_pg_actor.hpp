// One connection worker of pep_pg: answers the pep.* storage hooks and account.deleted.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/pep_pg/pg_pep_store.hpp"

namespace djabberd::plugins::pep_pg {

/// As pep_sqlite: pep.get_nodes -> handled(pep::node_list); pep.set_node, pep.publish,
/// pep.retract, pep.delete_node -> handled(bool stored). A read error is logged and answered
/// with an error (the chain counts it as failed, so the account never mistakes it for "no
/// nodes"); a write error is logged and answered handled(false). account.deleted (notify)
/// removes every node of the account. Spawn it detached: calls block on the network.
caf::behavior pep_pg_actor(caf::event_based_actor* self, std::shared_ptr<pg_pep_store> store);

}  // namespace djabberd::plugins::pep_pg
