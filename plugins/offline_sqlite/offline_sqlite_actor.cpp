// offline_sqlite_actor: the shared offline-store behavior on the SQLite store, and the quota front.
#include "plugins/offline_sqlite/offline_sqlite_actor.hpp"

#include <string>

#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "plugins/offline_store_behavior.hpp"

namespace djabberd::plugins::offline_sqlite {

caf::behavior offline_sqlite_actor(caf::event_based_actor*, std::shared_ptr<offline_store> store) {
  return offline_store_behavior("offline_sqlite", std::move(store));
}

caf::behavior offline_quota_actor(caf::event_based_actor* self, caf::actor backend,
                                  std::int64_t max_messages) {
  return {
      [self, backend, max_messages](atoms::offline_store tag, const std::string& vhost,
                                    const std::string& owner,
                                    const xml::element_ptr& message) -> hooks::reply {
        auto rp = self->make_response_promise();
        rp.delegate(backend, tag, vhost, owner, message, max_messages);
        return rp;
      },
  };
}

}  // namespace djabberd::plugins::offline_sqlite
