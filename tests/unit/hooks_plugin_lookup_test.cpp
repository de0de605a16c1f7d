// plugin.lookup through the hook runner (handler override, the core's default), and the blocking
// ask_first / ask_collect used by the admin socket and the metrics endpoint.
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/hooks/ask_hook.hpp"
#include "actors/hooks/hook_runner.hpp"
#include "actors/message_types.hpp"
#include "tests/unit/hooks_test_support.hpp"

namespace djabberd::hooks::testing {
namespace {

caf::behavior idle_plugin(caf::event_based_actor*) {
  return {[](atoms::auth_user_exists, const std::string&, const std::string&) -> reply {
    return declined();
  }};
}

// Answers plugin.lookup for "alias" with `target`; declines other names.
caf::behavior aliasing(caf::event_based_actor*, caf::actor target) {
  return {[=](atoms::plugin_lookup, const std::string&, const std::string& name) -> reply {
    if (name != "alias") return declined();
    return handled(target);
  }};
}

caf::behavior counting(caf::event_based_actor*, std::uint64_t n) {
  return {
      [=](atoms::stats_collect, const std::string&) -> reply {
        return handled(stat_samples{{"things", n}});
      },
      [=](atoms::admin_command, const std::string& vhost,
          const std::vector<std::string>& words) -> reply {
        if (words.empty() || words[0] != "count") return declined();
        return handled(vhost + " " + std::to_string(n));
      },
  };
}

class PluginLookup : public HookFixture {
 protected:
  registration reg(hook_id id, caf::actor handler, std::string plugin) {
    registration r;
    r.hook = id;
    r.handler = std::move(handler);
    r.plugin = std::move(plugin);
    return r;
  }

  // (handled, actor) as the runner answers plugin.lookup for `name`.
  std::pair<bool, caf::actor> lookup(const std::string& name) {
    auto runner = spawn_hook_runner(system_);
    caf::scoped_actor self{system_};
    self->send(runner, atoms::set_table::value, hook_table_ptr{table_});
    std::pair<bool, caf::actor> result{false, {}};
    self->request(runner, 5s, atoms::run_hook::value, std::string{"plugin.lookup"},
                  caf::make_message(atoms::plugin_lookup::value, std::string{"localhost"}, name))
        .receive(
            [&](bool handled, caf::message& payload) {
              result.first = handled;
              if (payload.match_elements<caf::actor>())
                result.second = payload.get_as<caf::actor>(0);
            },
            [&](caf::error& err) { ADD_FAILURE() << system_.render(err); });
    self->send_exit(runner, caf::exit_reason::user_shutdown);
    return result;
  }
};

TEST_F(PluginLookup, DefaultFindsTheNamedPluginsHandler) {
  auto storage = system_.spawn(idle_plugin);
  table_->add(reg(hook_id::auth_user_exists, storage, "auth_sqlite"));
  auto [handled, actor] = lookup("auth_sqlite");
  EXPECT_TRUE(handled);
  EXPECT_EQ(actor, storage);
  anon_send_exit(storage, caf::exit_reason::user_shutdown);
}

TEST_F(PluginLookup, UnknownPluginIsNotFound) {
  auto [handled, actor] = lookup("nothing_here");
  EXPECT_FALSE(handled);
  EXPECT_FALSE(actor);
}

TEST_F(PluginLookup, AHandlerOverridesTheDefault) {
  auto storage = system_.spawn(idle_plugin);
  auto proxy = system_.spawn(aliasing, storage);
  table_->add(reg(hook_id::plugin_lookup, proxy, "proxy"));
  auto [handled, actor] = lookup("alias");
  EXPECT_TRUE(handled);
  EXPECT_EQ(actor, storage);
  // Names the handler declines fall back to the core's answer.
  auto [found_proxy, proxy_actor] = lookup("proxy");
  EXPECT_TRUE(found_proxy);
  EXPECT_EQ(proxy_actor, proxy);
  anon_send_exit(storage, caf::exit_reason::user_shutdown);
  anon_send_exit(proxy, caf::exit_reason::user_shutdown);
}

TEST_F(PluginLookup, BlockingAskCollectsAndAsksFirst) {
  auto a = system_.spawn(counting, std::uint64_t{3});
  auto b = system_.spawn(counting, std::uint64_t{5});
  for (auto* actor : {&a, &b}) {
    table_->add(reg(hook_id::stats_collect, *actor, "counting"));
    table_->add(reg(hook_id::admin_command, *actor, "counting"));
  }
  caf::scoped_actor self{system_};
  auto parts = ask_collect(self.ptr(), table_, hook_id::stats_collect,
                           caf::make_message(atoms::stats_collect::value, std::string{"h"}), 5s);
  ASSERT_EQ(parts.size(), 2u);
  std::uint64_t sum = 0;
  for (auto& p : parts) {
    ASSERT_TRUE(p.match_elements<stat_samples>());
    sum += p.get_as<stat_samples>(0).at(0).second;
  }
  EXPECT_EQ(sum, 8u);
  auto answer = ask_first(self.ptr(), table_, hook_id::admin_command,
                          caf::make_message(atoms::admin_command::value, std::string{"h"},
                                            std::vector<std::string>{"count"}),
                          5s);
  ASSERT_TRUE(answer && answer->match_elements<std::string>());
  EXPECT_EQ(answer->get_as<std::string>(0), "h 3");
  auto none = ask_first(self.ptr(), table_, hook_id::admin_command,
                        caf::make_message(atoms::admin_command::value, std::string{"h"},
                                          std::vector<std::string>{"other"}),
                        5s);
  EXPECT_FALSE(none);
  anon_send_exit(a, caf::exit_reason::user_shutdown);
  anon_send_exit(b, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::hooks::testing
