// roster_pg_actor: each roster hook is one synchronous pg_roster_store call.
#include "plugins/roster_pg/roster_pg_actor.hpp"

#include <string>

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::roster_pg {

namespace {

constexpr std::string_view component = "roster_pg";

// The answer to a write: handled(stored), with the database error logged when it failed.
hooks::reply write_reply(bool stored, const pg_roster_store& store, std::string_view hook,
                         const std::string& owner) {
  if (!stored) log::warn(component, hook, " for ", owner, ": ", store.last_error());
  return hooks::handled(stored);
}

}  // namespace

caf::behavior roster_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_roster_store> store) {
  return {
      [store](atoms::roster_get, const std::string& vhost,
              const std::string& owner) -> hooks::reply {
        if (auto items = store->get(vhost, owner)) return hooks::handled(std::move(*items));
        log::warn(component, "roster.get for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store](atoms::roster_set_item, const std::string& vhost, const std::string& owner,
              const roster::roster_item& item) -> hooks::reply {
        return write_reply(store->set_item(vhost, owner, item), *store, "roster.set_item", owner);
      },
      [store](atoms::roster_remove, const std::string& vhost, const std::string& owner,
              const std::string& contact) -> hooks::reply {
        return write_reply(store->remove(vhost, owner, contact), *store, "roster.remove", owner);
      },
      [store](atoms::roster_wipe, const std::string& vhost,
              const std::string& owner) -> hooks::reply {
        return write_reply(store->wipe(vhost, owner), *store, "roster.wipe", owner);
      },
  };
}

}  // namespace djabberd::plugins::roster_pg
