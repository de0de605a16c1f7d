// Starts the shared, detached account-store actor for one vhost.
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/account_store_behavior.hpp"
#include "plugins/auth_sqlite/auth_sqlite_actor.hpp"

namespace djabberd::plugins::auth_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("auth_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<account_store> store = account_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every SQLite call may block on disk (and on the 5 s busy timeout while
    // djabberctl writes). A detached actor has its own thread, so no scheduler worker, and
    // therefore no connection or session, is ever stalled behind it.
    return ctx.system.spawn<caf::detached>(auth_sqlite_actor, std::move(store));
  });
  return account_store_registrations(handler);
}

}  // namespace djabberd::plugins::auth_sqlite
