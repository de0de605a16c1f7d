// Starts the shared, detached roster-store actor for one vhost.
#include "plugins/roster_sqlite/roster_sqlite_plugin.hpp"

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "plugins/roster_registrations.hpp"
#include "plugins/roster_sqlite/roster_sqlite_actor.hpp"

namespace djabberd::plugins::roster_sqlite {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  const std::filesystem::path& data_dir = ctx.server.data_dir;
  caf::actor handler = ctx.shared_actor("roster_sqlite:" + data_dir.string(), [&] {
    std::string error;
    std::shared_ptr<roster_store> store = roster_store::open(data_dir, error);
    if (!store) throw config::config_error(ctx.server.source_file.string(), 0, "data_dir", error);
    // Detached: every SQLite call blocks on disk (a synchronous fsync per write, and up to the
    // 5 s busy timeout while another connection writes). On its own thread it never stalls a
    // scheduler worker, and so never a connection or session.
    return ctx.system.spawn<caf::detached>(roster_sqlite_actor, std::move(store));
  });
  return roster_registrations(handler);
}

}  // namespace djabberd::plugins::roster_sqlite
