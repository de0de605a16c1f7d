// The actor answering the pep.* storage hooks from the SQLite PEP store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/pep_sqlite/pep_store.hpp"

namespace djabberd::plugins::pep_sqlite {

/// pep.get_nodes -> handled(pep::node_list); pep.set_node, pep.publish, pep.retract,
/// pep.delete_node -> handled(bool stored). A read error is logged and answered with an error
/// (the chain counts it as failed, so the account never mistakes it for "no nodes"); a write
/// error is logged and answered handled(false). Spawn it detached: calls block on disk.
caf::behavior pep_sqlite_actor(caf::event_based_actor* self, std::shared_ptr<pep_store> store);

}  // namespace djabberd::plugins::pep_sqlite
