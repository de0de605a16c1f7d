// last_pg_actor: each hook is one synchronous pg_last_store call.
#include "plugins/last_pg/last_pg_actor.hpp"

#include <cstdint>
#include <string>

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::last_pg {

namespace {

constexpr std::string_view component = "last_pg";

}  // namespace

caf::behavior last_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_last_store> store) {
  return {
      [store](atoms::last_get, const std::string& vhost, const std::string& owner) -> hooks::reply {
        auto stored = store->get(vhost, owner);
        if (stored) return hooks::handled(stored->first, std::move(stored->second));
        if (store->last_error().empty()) return hooks::declined();
        log::warn(component, "last.get for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store](atoms::last_set, const std::string& vhost, const std::string& owner,
              std::int64_t seconds, const std::string& status) -> hooks::reply {
        bool ok = store->set(vhost, owner, seconds, status);
        if (!ok) log::warn(component, "last.set for ", owner, ": ", store->last_error());
        return hooks::handled(ok);
      },
      // XEP-0077: a new account of the same name has no last activity of the removed one.
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove(vhost, owner))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::last_pg
