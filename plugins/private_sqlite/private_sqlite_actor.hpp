// The actor answering private.get / private.set from the SQLite private XML store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/private_sqlite/private_store.hpp"

namespace djabberd::plugins::private_sqlite {

/// private.get -> handled(the stored element parsed back, or nullptr if none); private.set ->
/// handled(bool stored) under private_storage_key(element). Database errors and unreadable stored
/// text are logged and answered with an error (counted as failed, i.e. declined). Spawn it
/// detached.
caf::behavior private_sqlite_actor(caf::event_based_actor* self,
                                   std::shared_ptr<private_store> store);

}  // namespace djabberd::plugins::private_sqlite
