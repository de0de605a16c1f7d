// Starts the shared in-memory roster actor for one vhost.
#include "plugins/roster_memory/roster_memory_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/roster_memory/roster_memory_actor.hpp"
#include "plugins/roster_registrations.hpp"

namespace djabberd::plugins::roster_memory {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  caf::actor handler =
      ctx.shared_actor(std::string(name), [&] { return ctx.system.spawn(roster_memory_actor); });
  return roster_registrations(handler);
}

}  // namespace djabberd::plugins::roster_memory
