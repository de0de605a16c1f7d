// Plugin start-up: find by name or load its module, start, register handlers with the configured
// priority.
#include "actors/server/plugin_loader.hpp"

#include "actors/atoms.hpp"
#include "actors/hooks/hook_runner.hpp"
#include "actors/message_types.hpp"

#include <caf/send.hpp>

#include "actors/log.hpp"
#include "actors/plugin.hpp"
#include "actors/server/plugin_module_loader.hpp"

namespace djabberd {

namespace {

// The start function of a shared-object plugin (`module` key) or of a compiled-in one.
plugin_start find_start(const config::server_config& server, const config::plugin_config& plugin) {
  if (const plugin_module* module = load_configured_module(server, plugin)) return module->start;
  if (const plugin_descriptor* descriptor = find_plugin(plugin.name)) return descriptor->start;
  std::string known;
  for (const auto& d : builtin_plugins())
    known += (known.empty() ? "" : ", ") + std::string(d.name);
  plugin.settings.fail("name", "unknown plugin '" + plugin.name + "' (available: " + known +
                                   "; or load a shared object with module = \"path/to/lib.so\")");
}

}  // namespace

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
  auto runner = hooks::spawn_hook_runner(sys_);
  handlers_.push_back(runner);
  for (const auto& plugin : vhost.plugins) {
    plugin_start start = find_start(server, plugin);
    plugin_context ctx{sys_,
                       server,
                       vhost,
                       plugin,
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         return shared_actor(key, make);
                       },
                       runner};
    for (auto& reg : start(ctx)) {
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
  caf::anon_send(runner, atoms::set_table::value, hooks::hook_table_ptr{table});
  return table;
}

void plugin_host::stop() {
  for (auto& handler : handlers_) caf::anon_send_exit(handler, caf::exit_reason::user_shutdown);
  for (auto& [_, backend] : shared_) caf::anon_send_exit(backend, caf::exit_reason::user_shutdown);
  handlers_.clear();
  shared_.clear();
}

}  // namespace djabberd
