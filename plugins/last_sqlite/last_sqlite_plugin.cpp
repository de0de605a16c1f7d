// The last_sqlite actor (one store call per hook) and its start function.
#include "plugins/last_sqlite/last_sqlite_plugin.hpp"

#include <caf/actor_system.hpp>
#include <caf/sec.hpp>
#include <caf/spawn_options.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::last_sqlite {

caf::behavior last_sqlite_actor(caf::event_based_actor*, std::shared_ptr<last_store> store) {
  return {
      [store](atoms::last_get, const std::string& vhost, const std::string& owner) -> hooks::reply {
        auto stored = store->get(vhost, owner);
        if (stored) return hooks::handled(stored->first, std::move(stored->second));
        if (store->last_error().empty()) return hooks::declined();
        log::warn("last_sqlite", "last.get for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store](atoms::last_set, const std::string& vhost, const std::string& owner,
              std::int64_t seconds, const std::string& status) -> hooks::reply {
        bool ok = store->set(vhost, owner, seconds, status);
        if (!ok) log::warn("last_sqlite", "last.set for ", owner, ": ", store->last_error());
        return hooks::handled(ok);
      },
      // XEP-0077: a new account of the same name has no last activity of the removed one.
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove(vhost, owner))
          log::warn("last_sqlite", "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("last_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<last_store> store = last_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every write waits for an fsync; no scheduler worker waits behind the disk.
    return ctx.system.spawn<caf::detached>(last_sqlite_actor, std::move(store));
  });
  return hooks::join(handler, {hooks::hook_id::last_get, hooks::hook_id::last_set,
                               hooks::hook_id::account_deleted});
}

}  // namespace djabberd::plugins::last_sqlite
