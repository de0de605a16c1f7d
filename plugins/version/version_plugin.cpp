// Starts one version actor per vhost from its plugin table.
#include "plugins/version/version_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/version/version_actor.hpp"

// The project version; plugins/CMakeLists.txt may pass it (-DDJABBERD_VERSION=...), otherwise
// this copy of CMakeLists.txt's project(VERSION) is used.
#ifndef DJABBERD_VERSION
#define DJABBERD_VERSION "0.1.0"
#endif

namespace djabberd::plugins::version {

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"version", "show_os"});
  software info;
  info.version = settings.get_string("version", DJABBERD_VERSION);
  if (settings.get_bool("show_os", false)) info.os = operating_system();
  auto actor = ctx.system.spawn(version_actor, std::move(info));
  return hooks::join(actor, {hooks::hook_id::iq_c2s, hooks::hook_id::disco_server_info});
}

}  // namespace djabberd::plugins::version
