// The actor answering vcard.get / vcard.set from the SQLite vCard store.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "plugins/vcard_sqlite/vcard_store.hpp"

namespace djabberd::plugins::vcard_sqlite {

/// vcard.get -> handled(the stored vCard parsed back, or nullptr if none); vcard.set ->
/// handled(bool stored). Database errors and unreadable stored text are logged and answered with
/// an error (the chain counts it as failed, i.e. declined). Spawn it detached: calls block on disk.
caf::behavior vcard_sqlite_actor(caf::event_based_actor* self, std::shared_ptr<vcard_store> store);

}  // namespace djabberd::plugins::vcard_sqlite
