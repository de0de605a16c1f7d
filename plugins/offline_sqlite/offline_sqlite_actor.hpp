// The actors answering the offline message hooks from the SQLite offline store.
#pragma once

#include <cstdint>
#include <memory>

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/offline_sqlite/offline_store.hpp"

namespace djabberd::plugins::offline_sqlite {

/// The store's actor, shared by every vhost (the vhost is the domain key). Answers offline.fetch
/// and offline.remove, and (offline_store atom, vhost, owner, message, std::int64_t max_messages)
/// from a vhost's offline_quota_actor. Failed writes are answered handled(false), failed fetches
/// declined (the messages stay stored for the next login); both are logged. Rows that no longer
/// parse are logged and deleted at fetch. Spawn it detached: every call blocks on disk.
caf::behavior offline_sqlite_actor(caf::event_based_actor* self,
                                   std::shared_ptr<offline_store> store);

/// One vhost's offline.store handler: adds the vhost's `max_messages` to the request and
/// delegates it to `backend` (an offline_sqlite_actor), which answers the hook's caller directly.
caf::behavior offline_quota_actor(caf::event_based_actor* self, caf::actor backend,
                                  std::int64_t max_messages);

}  // namespace djabberd::plugins::offline_sqlite
