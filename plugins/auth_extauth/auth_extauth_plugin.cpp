// Starts the child actors and the front actor of one vhost's auth_extauth plugin.
#include "plugins/auth_extauth/auth_extauth_plugin.hpp"

#include <filesystem>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>

#include "actors/log.hpp"
#include "plugins/auth_extauth/extauth_child_actor.hpp"
#include "plugins/auth_extauth/extauth_front_actor.hpp"
#include "plugins/auth_extauth/extauth_options.hpp"

namespace djabberd::plugins::auth_extauth {

std::vector<hooks::registration> start(plugin_context& ctx) {
  std::filesystem::path config_dir;
  if (!ctx.server.source_file.empty())
    config_dir = std::filesystem::absolute(ctx.server.source_file).parent_path();
  extauth_options options = read_extauth_options(ctx.config.settings, config_dir);
  if (options.timeout >= ctx.server.hooks.auth_timeout)
    log::warn("auth_extauth", ctx.vhost.domain, ": timeout_ms (", options.timeout.count(),
              ") is not below [hooks] auth_timeout_ms (", ctx.server.hooks.auth_timeout.count(),
              "): a slow program's answer may arrive after the login was already refused");
  std::vector<caf::actor> children;
  for (int i = 0; i < options.instances; ++i) {
    // Detached: each child actor blocks in poll()/write() on its program's pipes for up to
    // timeout_ms per request. On its own thread it never stalls a scheduler worker, so no
    // connection or session waits behind a slow or hung program.
    children.push_back(ctx.system.spawn<caf::detached>(extauth_child_actor, options, i));
  }
  caf::actor front = ctx.system.spawn(extauth_front_actor, std::move(children), options.timeout);
  return hooks::join(front,
                     {hooks::hook_id::auth_check_password, hooks::hook_id::auth_user_exists});
}

}  // namespace djabberd::plugins::auth_extauth
