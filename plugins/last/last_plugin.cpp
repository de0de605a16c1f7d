// Starts one last actor per vhost.
#include "plugins/last/last_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/last/last_actor.hpp"

namespace djabberd::plugins::last {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  auto actor = ctx.system.spawn(last_actor, std::chrono::steady_clock::now());
  return hooks::join(actor, {hooks::hook_id::iq_c2s, hooks::hook_id::disco_server_info});
}

}  // namespace djabberd::plugins::last
