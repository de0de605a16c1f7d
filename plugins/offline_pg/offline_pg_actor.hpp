// One connection worker of offline_pg: answers the offline message hooks from its own store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/offline_pg/pg_offline_store.hpp"

namespace djabberd::plugins::offline_pg {

/// Answers offline.fetch and offline.remove, and (offline_store atom, vhost, owner, message,
/// std::int64_t max_messages) from a vhost's quota front (offline_sqlite::offline_quota_actor),
/// as offline_sqlite does: failed writes are answered handled(false), failed fetches declined
/// (the messages stay stored for the next login); both are logged. Rows that no longer parse are
/// logged and deleted at fetch. Spawn it detached: every call blocks on the network.
caf::behavior offline_pg_actor(caf::event_based_actor* self,
                               std::shared_ptr<pg_offline_store> store);

}  // namespace djabberd::plugins::offline_pg
