// The actor answering the roster storage hooks from the SQLite roster store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/roster_sqlite/roster_store.hpp"

namespace djabberd::plugins::roster_sqlite {

/// Answers roster.get, roster.set_item, roster.remove and roster.wipe for every vhost from
/// `store` (the vhost is the domain key). A write that fails is answered handled(false) and
/// logged. A read that fails makes the request fail with an error rather than decline: declined
/// means "no roster stored", and the caller could then overwrite the real one. Spawn it detached:
/// every call blocks on disk.
caf::behavior roster_sqlite_actor(caf::event_based_actor* self,
                                  std::shared_ptr<roster_store> store);

}  // namespace djabberd::plugins::roster_sqlite
