// Starts one time actor per vhost.
#include "plugins/time/time_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/time/time_actor.hpp"

namespace djabberd::plugins::time {

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  auto actor = ctx.system.spawn(time_actor);
  return hooks::join(actor, {hooks::hook_id::iq_c2s, hooks::hook_id::disco_server_info});
}

}  // namespace djabberd::plugins::time
