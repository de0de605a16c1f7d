// blocklist_pg_actor: each hook is one synchronous pg_blocklist_store call.
#include "plugins/blocklist_pg/blocklist_pg_actor.hpp"

#include <string>
#include <vector>

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::blocklist_pg {

namespace {

constexpr std::string_view component = "blocklist_pg";

}  // namespace

caf::behavior blocklist_pg_actor(caf::event_based_actor*,
                                 std::shared_ptr<pg_blocklist_store> store) {
  return {
      [store](atoms::blocklist_get, const std::string& vhost,
              const std::string& owner) -> hooks::reply {
        auto list = store->get(vhost, owner);
        if (!list) {
          log::warn(component, "blocklist.get for ", owner, ": ", store->last_error());
          return caf::make_error(caf::sec::runtime_error);
        }
        return hooks::handled(std::move(*list));
      },
      [store](atoms::blocklist_add, const std::string& vhost, const std::string& owner,
              const std::vector<std::string>& jids) -> hooks::reply {
        bool stored = store->add(vhost, owner, jids);
        if (!stored) log::warn(component, "blocklist.add for ", owner, ": ", store->last_error());
        return hooks::handled(stored);
      },
      [store](atoms::blocklist_remove, const std::string& vhost, const std::string& owner,
              const std::vector<std::string>& jids) -> hooks::reply {
        bool removed = store->remove(vhost, owner, jids);
        if (!removed)
          log::warn(component, "blocklist.remove for ", owner, ": ", store->last_error());
        return hooks::handled(removed);
      },
      // XEP-0077: a removed account's list does not pass to a new account of the same name.
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove(vhost, owner, {}))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::blocklist_pg
