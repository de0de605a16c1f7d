// Starts one auth_static actor per vhost from its plugin table.
#include "plugins/auth_static/auth_static_plugin.hpp"

#include <memory>

#include <caf/actor_system.hpp>

#include "plugins/auth_registrations.hpp"
#include "plugins/auth_static/auth_static_actor.hpp"

namespace djabberd::plugins::auth_static {

std::vector<hooks::registration> start(plugin_context& ctx) {
  auto accounts = std::make_shared<const static_accounts>(read_static_users(ctx.config.settings));
  return auth_registrations(ctx.system.spawn(auth_static_actor, std::move(accounts)));
}

}  // namespace djabberd::plugins::auth_static
