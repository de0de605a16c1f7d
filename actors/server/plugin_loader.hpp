// Starts each vhost's configured plugins and builds its hook chains from what they register.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/hooks/hook_table.hpp"
#include "config/config.hpp"

namespace djabberd {

/// Owns every plugin actor of the server, so that they can all be stopped at shutdown (the
/// actor system waits for detached backends such as the SQLite store before it can end).
class plugin_host {
 public:
  explicit plugin_host(caf::actor_system& sys) : sys_(sys) {}
  ~plugin_host() { stop(); }

  /// Starts the plugins of `vhost` in configuration order. Throws config::config_error (file,
  /// line, key) for an unknown plugin or bad plugin settings.
  hooks::hook_table_ptr load(const config::server_config& server,
                             const config::vhost_config& vhost);

  /// Tells every plugin actor to quit.
  void stop();

 private:
  caf::actor shared_actor(const std::string& key, const std::function<caf::actor()>& make);

  caf::actor_system& sys_;
  std::map<std::string, caf::actor> shared_;  ///< backends shared between vhosts, by key
  std::vector<caf::actor> handlers_;          ///< every handler that joined a hook
};

}  // namespace djabberd
