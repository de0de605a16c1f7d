// The plugin contract: a named start function that spawns its actors and returns its hook handlers.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/hooks/hook_table.hpp"
#include "config/config.hpp"

// Shared-object plugins see every type in this file: changing one is an ABI change (bump
// DJABBERD_PLUGIN_ABI in actors/plugin_module.hpp).

namespace djabberd {

/// What a plugin gets when it starts for one vhost.
struct plugin_context {
  caf::actor_system& system;
  const config::server_config& server;
  const config::vhost_config& vhost;
  const config::plugin_config& config;  ///< its own [[vhosts.plugins]] table
  /// Returns the actor kept under `key`, calling `make` the first time only. Lets one backend
  /// (e.g. one SQLite connection) serve the same plugin on several vhosts.
  std::function<caf::actor(const std::string& key, const std::function<caf::actor()>& make)>
      shared_actor;
  /// The vhost's hook runner (actors/hooks/hook_runner.hpp): a plugin asks it to run other
  /// chains, e.g. a protocol plugin asking the storage chain. Ready once every plugin started.
  caf::actor hooks{};
};

/// Validates the plugin's settings (throwing config::config_error naming file, line and key),
/// spawns its actors and returns the hooks they join. The loader sets priority and plugin name.
using plugin_start = std::vector<hooks::registration> (*)(plugin_context& ctx);

/// A compiled-in plugin (a shared object describes itself with plugin_module instead).
struct plugin_descriptor {
  std::string_view name;
  std::string_view summary;
  plugin_start start;
};

/// Every plugin compiled into this build (plugins/builtin_plugins.cpp).
const std::vector<plugin_descriptor>& builtin_plugins();

/// Finds a compiled-in plugin by name, or nullptr.
const plugin_descriptor* find_plugin(std::string_view name);

}  // namespace djabberd
