// The table of plugins compiled into this build.
#include "actors/plugin.hpp"
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"
#include "plugins/auth_static/auth_static_plugin.hpp"

namespace djabberd {

const std::vector<plugin_descriptor>& builtin_plugins() {
  static const std::vector<plugin_descriptor> plugins = {
      {plugins::auth_sqlite::name, plugins::auth_sqlite::summary, &plugins::auth_sqlite::start},
      {plugins::auth_static::name, plugins::auth_static::summary, &plugins::auth_static::start},
  };
  return plugins;
}

const plugin_descriptor* find_plugin(std::string_view name) {
  for (const auto& p : builtin_plugins())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace djabberd
