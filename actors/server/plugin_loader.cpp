// Plugin start-up: find by name, start, register handlers with the configured priority.
#include "actors/server/plugin_loader.hpp"

#include <caf/send.hpp>

#include "actors/log.hpp"
#include "actors/plugin.hpp"

namespace djabberd {

caf::actor plugin_host::shared_actor(const std::string& key,
                                     const std::function<caf::actor()>& make) {
  auto& slot = shared_[key];
  if (!slot) slot = make();
  return slot;
}

hooks::hook_table_ptr plugin_host::load(const config::server_config& server,
                                        const config::vhost_config& vhost) {
  auto table = std::make_shared<hooks::hook_table>();
  table->set_all_timeouts(server.hooks.default_timeout);
  for (auto id : {hooks::hook_id::auth_get_secret, hooks::hook_id::auth_check_password,
                  hooks::hook_id::auth_authorize, hooks::hook_id::auth_user_exists})
    table->set_timeout(id, server.hooks.auth_timeout);
  for (const auto& plugin : vhost.plugins) {
    const plugin_descriptor* descriptor = find_plugin(plugin.name);
    if (!descriptor) {
      std::string known;
      for (const auto& d : builtin_plugins())
        known += (known.empty() ? "" : ", ") + std::string(d.name);
      plugin.settings.fail("name",
                           "unknown plugin '" + plugin.name + "' (available: " + known + ")");
    }
    plugin_context ctx{sys_, server, vhost, plugin,
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         return shared_actor(key, make);
                       }};
    for (auto& reg : descriptor->start(ctx)) {
      reg.priority = plugin.priority;
      reg.plugin = plugin.name;
      log::debug("plugins", vhost.domain, ": ", plugin.name, " joins ", hooks::name(reg.hook),
                 " (priority ", reg.priority, ")");
      handlers_.push_back(reg.handler);
      table->add(std::move(reg));
    }
  }
  if (table->chain(hooks::hook_id::auth_get_secret).empty() &&
      table->chain(hooks::hook_id::auth_check_password).empty())
    log::warn("plugins", vhost.domain, ": no authentication plugin configured; nobody can log in");
  return table;
}

void plugin_host::stop() {
  for (auto& handler : handlers_) caf::anon_send_exit(handler, caf::exit_reason::user_shutdown);
  for (auto& [_, backend] : shared_) caf::anon_send_exit(backend, caf::exit_reason::user_shutdown);
  handlers_.clear();
  shared_.clear();
}

}  // namespace djabberd
