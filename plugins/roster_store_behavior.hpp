// The behavior shared by the roster stores (roster_sqlite, roster_pg): each roster hook is one
// synchronous call on the store, so the actor running it must be detached.
#pragma once

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

namespace djabberd::plugins {

/// Answers roster.get, roster.set_item, roster.remove and roster.wipe for every vhost from
/// `store`: a write that fails is answered handled(false) and logged under `component`; a read
/// that fails makes the request fail with an error rather than decline (declined means "no roster
/// stored", and the caller could then overwrite the real one). `Store` is roster_store or
/// pg_roster_store: get(), set_item(), remove(), wipe(), last_error().
template <class Store>
caf::behavior roster_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  // The answer to a write: handled(stored), with the database error logged when it failed.
  auto write_reply = [component, store](bool stored, std::string_view hook,
                                        const std::string& owner) -> hooks::reply {
    if (!stored) log::warn(component, hook, " for ", owner, ": ", store->last_error());
    return hooks::handled(stored);
  };
  return {
      [component, store](atoms::roster_get, const std::string& vhost,
                         const std::string& owner) -> hooks::reply {
        if (auto items = store->get(vhost, owner)) return hooks::handled(std::move(*items));
        log::warn(component, "roster.get for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store, write_reply](atoms::roster_set_item, const std::string& vhost,
                           const std::string& owner,
                           const roster::roster_item& item) -> hooks::reply {
        return write_reply(store->set_item(vhost, owner, item), "roster.set_item", owner);
      },
      [store, write_reply](atoms::roster_remove, const std::string& vhost, const std::string& owner,
                           const std::string& contact) -> hooks::reply {
        return write_reply(store->remove(vhost, owner, contact), "roster.remove", owner);
      },
      [store, write_reply](atoms::roster_wipe, const std::string& vhost, const std::string& owner)
          -> hooks::reply { return write_reply(store->wipe(vhost, owner), "roster.wipe", owner); },
  };
}

}  // namespace djabberd::plugins
