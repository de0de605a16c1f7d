// A fixture starting a PostgreSQL plugin the way the loader does, against the test database.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/plugin.hpp"
#include "config/config.hpp"
#include "plugins/postgres/tests/pg_test_database.hpp"

namespace djabberd::plugins::postgres::testing {

/// An actor system, an in-memory shared_actor registry, and a configuration of two vhosts
/// (localhost, example.org) each with plugin `name` on the test database. Each plugin table
/// starts at line 6 (first vhost) with `conninfo`, then the test's extra lines.
class pg_plugin_test : public pg_test {
 protected:
  pg_plugin_test() : system_{config_} {}

  ~pg_plugin_test() override {
    caf::scoped_actor self{system_};
    for (auto& [key, actor] : shared_) self->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  /// Parses the two-vhost configuration; `conninfo` replaces the test database's if not empty.
  void configure(const std::string& name, const std::string& first = "",
                 const std::string& second = "", const std::string& conninfo = "") {
    std::string db = "conninfo = \"" + (conninfo.empty() ? conninfo_ : conninfo) + "\"\n";
    server_ = config::parse(
        "data_dir = \"/nonexistent-pg-test\"\n"
        "[[vhosts]]\ndomain = \"localhost\"\n"
        "[[vhosts.plugins]]\nname = \"" +
            name + "\"\n" + db + first +
            "[[vhosts]]\ndomain = \"example.org\"\n"
            "[[vhosts.plugins]]\nname = \"" +
            name + "\"\n" + db + second,
        "test.toml");
  }

  /// Starts the plugin for vhost `index` with `start`.
  std::vector<hooks::registration> start(plugin_start start_fn, std::size_t index) {
    plugin_context ctx{system_, server_, server_.vhosts[index], server_.vhosts[index].plugins[0],
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         auto it = shared_.find(key);
                         if (it == shared_.end()) it = shared_.emplace(key, make()).first;
                         return it->second;
                       }};
    return start_fn(ctx);
  }

  /// The config_error message of starting vhost 0, or "" if it started.
  std::string start_error(plugin_start start_fn, std::string* key = nullptr) {
    try {
      start(start_fn, 0);
    } catch (const config::config_error& e) {
      if (key) *key = e.key();
      return e.what();
    }
    return "";
  }

  caf::actor_system_config config_;
  caf::actor_system system_;
  config::server_config server_;
  std::map<std::string, caf::actor> shared_;
};

}  // namespace djabberd::plugins::postgres::testing
