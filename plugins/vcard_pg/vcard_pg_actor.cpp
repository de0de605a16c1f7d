// vcard_pg_actor: the shared vcard-store behavior on the PostgreSQL store.
#include "plugins/vcard_pg/vcard_pg_actor.hpp"

#include "plugins/vcard_store_behavior.hpp"

namespace djabberd::plugins::vcard_pg {

caf::behavior vcard_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_vcard_store> store) {
  return vcard_store_behavior("vcard_pg", std::move(store));
}

}  // namespace djabberd::plugins::vcard_pg
