// vcard_pg_actor: each hook is one synchronous pg_vcard_store call; XML travels as text.
#include "plugins/vcard_pg/vcard_pg_actor.hpp"

#include <string>

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::vcard_pg {

namespace {

constexpr std::string_view component = "vcard_pg";

}  // namespace

caf::behavior vcard_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_vcard_store> store) {
  return {
      [store](atoms::vcard_get, const std::string& vhost,
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
      [store](atoms::vcard_set, const std::string& vhost, const std::string& owner,
              const xml::element_ptr& vcard) -> hooks::reply {
        if (!vcard) return hooks::handled(false);
        bool stored = store->set(vhost, owner, xml::to_string(*vcard));
        if (!stored) log::warn(component, "vcard.set for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      // A removed account's vCard goes with it (XEP-0077 removal, djabberctl deluser).
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove(vhost, owner))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::vcard_pg
