// The table of plugins compiled into this build.
#include "actors/plugin.hpp"
#include "plugins/auth_extauth/auth_extauth_plugin.hpp"
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"
#include "plugins/auth_static/auth_static_plugin.hpp"
#include "plugins/filter_pattern/filter_pattern_plugin.hpp"
#include "plugins/iq_echo/iq_echo_plugin.hpp"

namespace djabberd {

const std::vector<plugin_descriptor>& builtin_plugins() {
  static const std::vector<plugin_descriptor> plugins = {
      {plugins::auth_extauth::name, plugins::auth_extauth::summary, &plugins::auth_extauth::start},
      {plugins::auth_sqlite::name, plugins::auth_sqlite::summary, &plugins::auth_sqlite::start},
      {plugins::auth_static::name, plugins::auth_static::summary, &plugins::auth_static::start},
      {plugins::filter_pattern::name, plugins::filter_pattern::summary,
       &plugins::filter_pattern::start},
      {plugins::iq_echo::name, plugins::iq_echo::summary, &plugins::iq_echo::start},
  };
  return plugins;
}

const plugin_descriptor* find_plugin(std::string_view name) {
  for (const auto& p : builtin_plugins())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace djabberd
