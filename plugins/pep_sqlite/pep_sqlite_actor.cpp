// pep_sqlite_actor: the shared PEP-store behavior on the SQLite store.
#include "plugins/pep_sqlite/pep_sqlite_actor.hpp"

#include "plugins/pep_store_behavior.hpp"

namespace djabberd::plugins::pep_sqlite {

caf::behavior pep_sqlite_actor(caf::event_based_actor*, std::shared_ptr<pep_store> store) {
  return pep_store_behavior("pep_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::pep_sqlite
