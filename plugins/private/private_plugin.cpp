// Starts one private XML protocol actor per vhost, talking to the vhost's hook runner.
#include "plugins/private/private_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/private/private_actor.hpp"

namespace djabberd::plugins::private_xml {

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"reject_reserved"});
  bool reject_reserved = settings.get_bool("reject_reserved", true);
  auto actor = ctx.system.spawn(private_actor, ctx.hooks, reject_reserved);
  return hooks::join(actor, {hooks::hook_id::iq_c2s, hooks::hook_id::iq_account,
                             hooks::hook_id::disco_server_info});
}

}  // namespace djabberd::plugins::private_xml
