// Starts one iq_echo actor per vhost from its plugin table.
#include "plugins/iq_echo/iq_echo_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/iq_echo/iq_echo_actor.hpp"

namespace djabberd::plugins::iq_echo {

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"delay_ms"});
  std::chrono::milliseconds delay{settings.get_int("delay_ms", 0, 0, 60000)};
  auto actor = ctx.system.spawn(echo_actor, delay);
  return hooks::join(actor, {hooks::hook_id::iq_c2s, hooks::hook_id::stream_features,
                             hooks::hook_id::session_bound, hooks::hook_id::session_unbound,
                             hooks::hook_id::stream_unknown_element});
}

}  // namespace djabberd::plugins::iq_echo
