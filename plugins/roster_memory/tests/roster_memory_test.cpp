// The in-memory roster: the store itself, its actor and the plugin start.
#include <map>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/roster_memory/roster_memory_actor.hpp"
#include "plugins/roster_memory/roster_memory_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::roster_memory {
namespace {

using testing::ask_hook;

roster::roster_item item(std::string contact, std::string name = "",
                         std::vector<std::string> groups = {}) {
  roster::roster_item i;
  i.contact = std::move(contact);
  i.name = std::move(name);
  i.groups = std::move(groups);
  return i;
}

TEST(RosterMemoryStore, InsertionOrderAndReplaceInPlace) {
  memory_roster rosters;
  auto a = item("a@x", "Ä ☺", {"z", "a", "Ω"});
  a.to = a.from = a.pending_out = a.pending_in = a.approved = true;
  a.in_roster = false;
  rosters.set_item("localhost", "o@localhost", a);
  rosters.set_item("localhost", "o@localhost", item("b@x"));
  EXPECT_EQ(rosters.get("localhost", "o@localhost"), (roster::roster_items{a, item("b@x")}));
  auto replaced = item("a@x", "A", {"g"});
  rosters.set_item("localhost", "o@localhost", replaced);
  EXPECT_EQ(rosters.get("localhost", "o@localhost"), (roster::roster_items{replaced, item("b@x")}));
}

TEST(RosterMemoryStore, RemoveWipeAndIsolation) {
  memory_roster rosters;
  rosters.set_item("localhost", "o@localhost", item("a@x"));
  rosters.set_item("localhost", "o@localhost", item("b@x"));
  rosters.set_item("example.org", "o@localhost", item("a@x"));
  rosters.set_item("localhost", "p@localhost", item("a@x"));
  rosters.remove("localhost", "o@localhost", "a@x");
  rosters.remove("localhost", "o@localhost", "missing@x");
  rosters.remove("localhost", "nobody@localhost", "a@x");
  EXPECT_EQ(rosters.get("localhost", "o@localhost"), (roster::roster_items{item("b@x")}));
  EXPECT_EQ(rosters.get("example.org", "o@localhost").size(), 1u);
  rosters.wipe("localhost", "o@localhost");
  EXPECT_TRUE(rosters.get("localhost", "o@localhost").empty());
  EXPECT_EQ(rosters.get("example.org", "o@localhost").size(), 1u);
  EXPECT_EQ(rosters.get("localhost", "p@localhost").size(), 1u);
}

class RosterMemoryActor : public ::testing::Test {
 protected:
  RosterMemoryActor() : system_{config_} {}

  ~RosterMemoryActor() override {
    caf::scoped_actor self{system_};
    for (auto& [key, actor] : shared_) self->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  std::vector<hooks::registration> start(const std::string& plugin_table, std::size_t vhost) {
    server_ = config::parse(
        "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"roster_memory\"\n" +
            plugin_table +
            "[[vhosts]]\ndomain = \"example.org\"\n[[vhosts.plugins]]\nname = "
            "\"roster_memory\"\n",
        "test.toml");
    plugin_context ctx{system_, server_, server_.vhosts[vhost], server_.vhosts[vhost].plugins[0],
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         auto it = shared_.find(key);
                         if (it == shared_.end()) it = shared_.emplace(key, make()).first;
                         return it->second;
                       }};
    return roster_memory::start(ctx);
  }

  caf::actor_system_config config_;
  caf::actor_system system_;
  config::server_config server_;
  std::map<std::string, caf::actor> shared_;
};

TEST_F(RosterMemoryActor, AnswersEveryRosterHook) {
  auto regs = start("", 0);
  ASSERT_EQ(regs.size(), 4u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::roster_get);
  EXPECT_EQ(regs[3].hook, hooks::hook_id::roster_wipe);
  EXPECT_EQ(start("", 1)[0].handler, regs[0].handler);  // shared by the vhosts
  auto handler = regs[0].handler;
  const std::string vhost = "localhost", owner = "o@localhost";

  auto empty = ask_hook(system_, handler, atoms::roster_get::value, vhost, owner);
  ASSERT_TRUE(empty.handled()) << empty.error;
  EXPECT_TRUE(empty.payload.get_as<roster::roster_items>(0).empty());

  auto set = ask_hook(system_, handler, atoms::roster_set_item::value, vhost, owner,
                      item("a@x", "A", {"g"}));
  ASSERT_TRUE(set.handled());
  EXPECT_TRUE(set.payload.get_as<bool>(0));
  ask_hook(system_, handler, atoms::roster_set_item::value, vhost, owner, item("b@x"));
  auto got = ask_hook(system_, handler, atoms::roster_get::value, vhost, owner);
  EXPECT_EQ(got.payload.get_as<roster::roster_items>(0),
            (roster::roster_items{item("a@x", "A", {"g"}), item("b@x")}));

  auto removed =
      ask_hook(system_, handler, atoms::roster_remove::value, vhost, owner, std::string{"a@x"});
  ASSERT_TRUE(removed.handled());
  EXPECT_TRUE(removed.payload.get_as<bool>(0));
  got = ask_hook(system_, handler, atoms::roster_get::value, vhost, owner);
  EXPECT_EQ(got.payload.get_as<roster::roster_items>(0), (roster::roster_items{item("b@x")}));

  auto wiped = ask_hook(system_, handler, atoms::roster_wipe::value, vhost, owner);
  ASSERT_TRUE(wiped.handled());
  EXPECT_TRUE(wiped.payload.get_as<bool>(0));
  got = ask_hook(system_, handler, atoms::roster_get::value, vhost, owner);
  EXPECT_TRUE(got.payload.get_as<roster::roster_items>(0).empty());
}

TEST_F(RosterMemoryActor, RejectsSettings) {
  try {
    start("persist = true\n", 0);
    FAIL() << "no config_error";
  } catch (const config::config_error& e) {
    EXPECT_EQ(e.key(), "vhosts[0].plugins[0].persist");
    EXPECT_EQ(e.line(), 5u);
  }
}

}  // namespace
}  // namespace djabberd::plugins::roster_memory
