// pep_pg_actor: the shared PEP-store behavior on the PostgreSQL store.
#include "plugins/pep_pg/pep_pg_actor.hpp"

#include "plugins/pep_store_behavior.hpp"

namespace djabberd::plugins::pep_pg {

caf::behavior pep_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_pep_store> store) {
  return pep_store_behavior("pep_pg", std::move(store));
}

}  // namespace djabberd::plugins::pep_pg
