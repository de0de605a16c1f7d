// The behavior shared by the last-logout stores (last_sqlite, last_pg): each hook is one
// synchronous call on the store, so the actor running it must be detached.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <caf/behavior.hpp>
#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/forget_on_account_deleted.hpp"

namespace djabberd::plugins {

/// last.get -> handled(std::int64_t seconds, std::string status), declined when none is stored,
/// an error when the database fails; last.set -> handled(bool stored). account.deleted (notify)
/// forgets the account's logout. Failures are logged under `component`. `Store` is last_store or
/// pg_last_store: get(), set(), remove(), last_error().
template <class Store>
caf::behavior last_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  return {
      [component, store](atoms::last_get, const std::string& vhost,
                         const std::string& owner) -> hooks::reply {
        auto stored = store->get(vhost, owner);
        if (stored) return hooks::handled(stored->first, std::move(stored->second));
        if (store->last_error().empty()) return hooks::declined();
        log::warn(component, "last.get for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [component, store](atoms::last_set, const std::string& vhost, const std::string& owner,
                         std::int64_t seconds, const std::string& status) -> hooks::reply {
        bool ok = store->set(vhost, owner, seconds, status);
        if (!ok) log::warn(component, "last.set for ", owner, ": ", store->last_error());
        return hooks::handled(ok);
      },
      // XEP-0077: a new account of the same name has no last activity of the removed one.
      forget_on_account_deleted(component, store, std::mem_fn(&Store::remove)),
  };
}

}  // namespace djabberd::plugins
