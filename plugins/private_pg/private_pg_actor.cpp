// private_pg_actor: each hook is one synchronous pg_private_store call; XML travels as text.
#include "plugins/private_pg/private_pg_actor.hpp"

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/private_sqlite/private_sqlite_actor.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::private_pg {

namespace {

constexpr std::string_view component = "private_pg";

// The same key as private_sqlite, so both stores agree on what private.get asks for.
using private_sqlite::storage_key;

}  // namespace

caf::behavior private_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_private_store> store) {
  return {
      [store](atoms::private_get, const std::string& vhost, const std::string& owner,
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
      [store](atoms::private_set, const std::string& vhost, const std::string& owner,
              const xml::element_ptr& element) -> hooks::reply {
        if (!element) return hooks::handled(false);
        auto key = storage_key(*element);
        bool stored = store->set(vhost, owner, key, xml::to_string(*element));
        if (!stored)
          log::warn(component, "private.set ", key, " for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      // A removed account's private XML goes with it (XEP-0077 removal, djabberctl deluser).
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove(vhost, owner))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::private_pg
