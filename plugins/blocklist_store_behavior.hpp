// The behavior shared by the blocklist stores (blocklist_sqlite, blocklist_pg): each hook is one
// synchronous call on the store, so the actor running it must be detached.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/forget_on_account_deleted.hpp"

namespace djabberd::plugins {

/// blocklist.get -> handled(std::vector<std::string>); blocklist.add / blocklist.remove ->
/// handled(bool). A failed read is logged under `component` and answered with an error (the chain
/// counts it as failed, so the account actor does not cache an empty list). account.deleted
/// (notify) removes the account's list. `Store` is blocklist_store or pg_blocklist_store: get(),
/// add(), remove() (an empty list removes every entry), last_error().
template <class Store>
caf::behavior blocklist_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  auto remove_every_entry = [](Store& s, std::string_view vhost, std::string_view owner) {
    return s.remove(vhost, owner, {});  // no JIDs: the whole list
  };
  return {
      [component, store](atoms::blocklist_get, const std::string& vhost,
                         const std::string& owner) -> hooks::reply {
        auto list = store->get(vhost, owner);
        if (!list) {
          log::warn(component, "blocklist.get for ", owner, ": ", store->last_error());
          return caf::make_error(caf::sec::runtime_error);
        }
        return hooks::handled(std::move(*list));
      },
      [component, store](atoms::blocklist_add, const std::string& vhost, const std::string& owner,
                         const std::vector<std::string>& jids) -> hooks::reply {
        bool stored = store->add(vhost, owner, jids);
        if (!stored) log::warn(component, "blocklist.add for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      [component, store](atoms::blocklist_remove, const std::string& vhost,
                         const std::string& owner,
                         const std::vector<std::string>& jids) -> hooks::reply {
        bool removed = store->remove(vhost, owner, jids);
        if (!removed)
          log::warn(component, "blocklist.remove for ", owner, ": ", store->last_error());
        return hooks::handled(removed);
      },
      // XEP-0077: a removed account's list does not pass to a new account of the same name.
      forget_on_account_deleted(component, store, remove_every_entry),
  };
}

}  // namespace djabberd::plugins
