// The behavior shared by the private XML stores (private_sqlite, private_pg): each hook is one
// synchronous call on the store, so the actor running it must be detached. XML travels to the
// store as text.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <caf/behavior.hpp>
#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/forget_on_account_deleted.hpp"
#include "stanza/element.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins {

/// The storage key of an element: "{namespace}name" (the key of private.get), the same for every
/// store.
inline std::string private_storage_key(const xml::element& e) {
  return "{" + e.ns() + "}" + e.name();
}

/// private.get -> handled(the stored element parsed back, or nullptr if none); private.set ->
/// handled(bool stored) under private_storage_key(element); account.deleted (notify) forgets the
/// account's private XML. Database errors and unreadable stored text are logged under `component`
/// and answered with an error (counted as failed, i.e. declined). `Store` is private_store or
/// pg_private_store: get(), set(), forget(), last_error().
template <class Store>
caf::behavior private_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  return {
      [component, store](atoms::private_get, const std::string& vhost, const std::string& owner,
                         const std::string& key) -> hooks::reply {
        auto text = store->get(vhost, owner, key);
        if (!text) {
          if (store->last_error().empty()) return hooks::handled(xml::element_ptr{});
          log::warn(component, "private.get ", key, " for ", owner, ": ", store->last_error());
          return caf::make_error(caf::sec::runtime_error);
        }
        std::string error;
        if (auto element = xml::parse_element(*text, &error)) return hooks::handled(element);
        log::warn(component, "private.get ", key, " for ", owner, ": unreadable: ", error);
        return caf::make_error(caf::sec::runtime_error);
      },
      [component, store](atoms::private_set, const std::string& vhost, const std::string& owner,
                         const xml::element_ptr& element) -> hooks::reply {
        if (!element) return hooks::handled(false);
        auto key = private_storage_key(*element);
        bool stored = store->set(vhost, owner, key, xml::to_string(*element));
        if (!stored)
          log::warn(component, "private.set ", key, " for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      // A removed account's private XML goes with it (XEP-0077 removal, djabberctl deluser).
      forget_on_account_deleted(component, store, std::mem_fn(&Store::forget)),
  };
}

}  // namespace djabberd::plugins
