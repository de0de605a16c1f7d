// The behavior shared by the offline message stores (offline_sqlite, offline_pg): each offline
// hook is one synchronous call on the store, so the actor running it must be detached.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <caf/actor.hpp>
#include <caf/behavior.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/hook_table.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/forget_on_account_deleted.hpp"

namespace djabberd::plugins {

/// Registers a vhost's `quota` front (offline_sqlite::offline_quota_actor) for offline.store and
/// the shared `store` actor for offline.fetch, offline.remove and account.deleted.
inline std::vector<hooks::registration> offline_store_registrations(const caf::actor& quota,
                                                                    const caf::actor& store) {
  auto regs = hooks::join(quota, {hooks::hook_id::offline_store});
  for (auto& r : hooks::join(store, {hooks::hook_id::offline_fetch, hooks::hook_id::offline_remove,
                                     hooks::hook_id::account_deleted}))
    regs.push_back(std::move(r));
  return regs;
}

namespace offline_detail {

template <class Store>
hooks::reply store_reply(std::string_view component, Store& store, const std::string& vhost,
                         const std::string& owner, const xml::element_ptr& message,
                         std::int64_t max_messages) {
  if (!message) {
    log::warn(component, "offline.store for ", owner, "@", vhost, ": no message");
    return hooks::handled(false);
  }
  using result = typename Store::store_result;
  switch (store.store(vhost, owner, *message, max_messages)) {
    case result::stored:
      return hooks::handled(true);
    case result::quota_full:
      log::info(component, "offline.store for ", owner, ": ", max_messages,
                " messages already stored, refused");
      return hooks::handled(false);
    case result::error:
      break;
  }
  log::warn(component, "offline.store for ", owner, ": ", store.last_error());
  return hooks::handled(false);
}

template <class Store>
hooks::reply fetch_reply(std::string_view component, Store& store, const std::string& vhost,
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

}  // namespace offline_detail

/// Answers offline.fetch, offline.remove and account.deleted, and (offline_store atom, vhost,
/// owner, message, std::int64_t max_messages) from a vhost's quota front
/// (offline_sqlite::offline_quota_actor), from `store` (the vhost is the domain key). `Store` is
/// offline_store or pg_offline_store: store(), fetch(), remove(), forget(), last_error(). Failed
/// writes are answered handled(false), failed fetches declined (the messages stay stored for the
/// next login); both are logged under `component`. Rows that no longer parse are logged and
/// deleted at fetch.
template <class Store>
caf::behavior offline_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  return {
      [component, store](atoms::offline_store, const std::string& vhost, const std::string& owner,
                         const xml::element_ptr& message,
                         std::int64_t max_messages) -> hooks::reply {
        return offline_detail::store_reply(component, *store, vhost, owner, message, max_messages);
      },
      [component, store](atoms::offline_fetch, const std::string& vhost, const std::string& owner)
          -> hooks::reply { return offline_detail::fetch_reply(component, *store, vhost, owner); },
      [component, store](atoms::offline_remove, const std::string& vhost, const std::string& owner,
                         const std::vector<std::int64_t>& ids) -> hooks::reply {
        if (store->remove(vhost, owner, ids)) return hooks::handled(true);
        log::warn(component, "offline.remove for ", owner, ": ", store->last_error());
        return hooks::handled(false);
      },
      // A removed account's offline messages go with it (XEP-0077 removal, djabberctl deluser).
      forget_on_account_deleted(component, store, std::mem_fn(&Store::forget)),
  };
}

}  // namespace djabberd::plugins
