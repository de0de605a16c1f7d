// Starts one vcard protocol actor per vhost, talking to the vhost's hook runner.
#include "plugins/vcard/vcard_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/vcard/vcard_actor.hpp"

namespace djabberd::plugins::vcard {

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"max_size"});
  auto max_size = static_cast<std::size_t>(settings.get_int("max_size", 65536, 1, 16777216));
  auto actor = ctx.system.spawn(vcard_actor, ctx.hooks, max_size);
  return hooks::join(
      actor, {hooks::hook_id::iq_c2s, hooks::hook_id::iq_account, hooks::hook_id::disco_server_info,
              hooks::hook_id::avatar_hash, hooks::hook_id::presence_alter_available});
}

}  // namespace djabberd::plugins::vcard
