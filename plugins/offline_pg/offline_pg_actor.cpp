// offline_pg_actor: each offline hook is one synchronous pg_offline_store call.
#include "plugins/offline_pg/offline_pg_actor.hpp"

#include <string>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::offline_pg {

namespace {

constexpr std::string_view component = "offline_pg";

hooks::reply store_reply(pg_offline_store& store, const std::string& vhost,
                         const std::string& owner, const xml::element_ptr& message,
                         std::int64_t max_messages) {
  if (!message) {
    log::warn(component, "offline.store for ", owner, "@", vhost, ": no message");
    return hooks::handled(false);
  }
  switch (store.store(vhost, owner, *message, max_messages)) {
    case pg_offline_store::store_result::stored:
      return hooks::handled(true);
    case pg_offline_store::store_result::quota_full:
      log::info(component, "offline.store for ", owner, ": ", max_messages,
                " messages already stored, refused");
      return hooks::handled(false);
    case pg_offline_store::store_result::error:
      break;
  }
  log::warn(component, "offline.store for ", owner, ": ", store.last_error());
  return hooks::handled(false);
}

hooks::reply fetch_reply(pg_offline_store& store, const std::string& vhost,
                         const std::string& owner) {
  auto fetched = store.fetch(vhost, owner);
  if (!fetched) {
    log::warn(component, "offline.fetch for ", owner, ": ", store.last_error());
    return hooks::declined();
  }
  if (!fetched->unreadable.empty()) {
    log::warn(component, "offline.fetch for ", owner, ": deleting ", fetched->unreadable.size(),
              " stored messages that do not parse");
    if (!store.remove(vhost, owner, fetched->unreadable))
      log::warn(component, "offline.fetch for ", owner, ": ", store.last_error());
  }
  return hooks::handled(std::move(fetched->messages), std::move(fetched->ids));
}

}  // namespace

caf::behavior offline_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_offline_store> store) {
  return {
      [store](atoms::offline_store, const std::string& vhost, const std::string& owner,
              const xml::element_ptr& message, std::int64_t max_messages) -> hooks::reply {
        return store_reply(*store, vhost, owner, message, max_messages);
      },
      [store](atoms::offline_fetch, const std::string& vhost, const std::string& owner)
          -> hooks::reply { return fetch_reply(*store, vhost, owner); },
      [store](atoms::offline_remove, const std::string& vhost, const std::string& owner,
              const std::vector<std::int64_t>& ids) -> hooks::reply {
        if (store->remove(vhost, owner, ids)) return hooks::handled(true);
        log::warn(component, "offline.remove for ", owner, ": ", store->last_error());
        return hooks::handled(false);
      },
      // A removed account's offline messages go with it (XEP-0077 removal, djabberctl deluser).
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->forget(vhost, owner))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::offline_pg
