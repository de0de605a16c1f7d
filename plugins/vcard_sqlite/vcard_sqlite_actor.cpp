// vcard_sqlite_actor: the shared vcard-store behavior on the SQLite store.
#include "plugins/vcard_sqlite/vcard_sqlite_actor.hpp"

#include "plugins/vcard_store_behavior.hpp"

namespace djabberd::plugins::vcard_sqlite {

caf::behavior vcard_sqlite_actor(caf::event_based_actor*, std::shared_ptr<vcard_store> store) {
  return vcard_store_behavior("vcard_sqlite", std::move(store));
}

}  // namespace djabberd::plugins::vcard_sqlite
