// The behavior shared by the vCard stores (vcard_sqlite, vcard_pg): each hook is one synchronous
// call on the store, so the actor running it must be detached. XML travels to the store as text.
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
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins {

/// vcard.get -> handled(the stored vCard parsed back, or nullptr if none); vcard.set ->
/// handled(bool stored); account.deleted (notify) forgets the account's vCard. Database errors and
/// unreadable stored text are logged under `component` and answered with an error. `Store` is
/// vcard_store or pg_vcard_store: get(), set(), forget(), last_error().
template <class Store>
caf::behavior vcard_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  return {
      [component, store](atoms::vcard_get, const std::string& vhost,
                         const std::string& owner) -> hooks::reply {
        auto text = store->get(vhost, owner);
        if (!text) {
          if (store->last_error().empty()) return hooks::handled(xml::element_ptr{});
          log::warn(component, "vcard.get for ", owner, ": ", store->last_error());
          return caf::make_error(caf::sec::runtime_error);
        }
        std::string error;
        if (auto vcard = xml::parse_element(*text, &error)) return hooks::handled(vcard);
        log::warn(component, "vcard.get for ", owner, ": the stored vCard is unreadable: ", error);
        return caf::make_error(caf::sec::runtime_error);
      },
      [component, store](atoms::vcard_set, const std::string& vhost, const std::string& owner,
                         const xml::element_ptr& vcard) -> hooks::reply {
        if (!vcard) return hooks::handled(false);
        bool stored = store->set(vhost, owner, xml::to_string(*vcard));
        if (!stored) log::warn(component, "vcard.set for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      // A removed account's vCard goes with it (XEP-0077 removal, djabberctl deluser).
      forget_on_account_deleted(component, store, std::mem_fn(&Store::forget)),
  };
}

}  // namespace djabberd::plugins
