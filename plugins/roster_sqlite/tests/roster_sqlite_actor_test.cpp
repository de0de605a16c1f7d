// The roster_sqlite actor and plugin start in a real actor system, over a real database file.
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/roster_sqlite/roster_sqlite_actor.hpp"
#include "plugins/roster_sqlite/roster_sqlite_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::roster_sqlite {
namespace {

using testing::ask_hook;

roster::roster_item item(std::string contact, std::vector<std::string> groups = {}) {
  roster::roster_item i;
  i.contact = std::move(contact);
  i.groups = std::move(groups);
  return i;
}

// The payload of a handled write: its bool.
bool stored(const testing::hook_answer& answer) {
  EXPECT_TRUE(answer.handled()) << answer.error;
  EXPECT_TRUE(answer.payload.match_elements<bool>());
  return answer.handled() && answer.payload.match_elements<bool>() &&
         answer.payload.get_as<bool>(0);
}

class RosterSqliteActor : public ::testing::Test {
 protected:
  RosterSqliteActor() : system_{config_} {
    std::string error;
    store_ = roster_store::open(dir_.path(), error);
    EXPECT_TRUE(store_) << error;
    handler_ = system_.spawn<caf::detached>(roster_sqlite_actor, store_);
  }

  ~RosterSqliteActor() override {
    caf::scoped_actor self{system_};
    self->send_exit(handler_, caf::exit_reason::user_shutdown);
  }

  testing::hook_answer get(const std::string& owner) {
    return ask_hook(system_, handler_, atoms::roster_get::value, std::string{"localhost"}, owner);
  }

  testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  std::shared_ptr<roster_store> store_;
  caf::actor handler_;
};

TEST_F(RosterSqliteActor, SetGetRemoveWipe) {
  auto alice = std::string{"alice@localhost"};
  auto bob = item("bob@localhost", {"Friends", "Work"});
  bob.to = bob.pending_in = true;
  EXPECT_TRUE(stored(ask_hook(system_, handler_, atoms::roster_set_item::value,
                              std::string{"localhost"}, alice, bob)));
  EXPECT_TRUE(stored(ask_hook(system_, handler_, atoms::roster_set_item::value,
                              std::string{"localhost"}, alice, item("carol@localhost"))));
  auto answer = get(alice);
  ASSERT_TRUE(answer.handled()) << answer.error;
  ASSERT_TRUE(answer.payload.match_elements<roster::roster_items>());
  EXPECT_EQ(answer.payload.get_as<roster::roster_items>(0),
            (roster::roster_items{bob, item("carol@localhost")}));

  EXPECT_TRUE(stored(ask_hook(system_, handler_, atoms::roster_remove::value,
                              std::string{"localhost"}, alice, std::string{"bob@localhost"})));
  answer = get(alice);
  ASSERT_TRUE(answer.handled());
  EXPECT_EQ(answer.payload.get_as<roster::roster_items>(0),
            (roster::roster_items{item("carol@localhost")}));

  EXPECT_TRUE(stored(
      ask_hook(system_, handler_, atoms::roster_wipe::value, std::string{"localhost"}, alice)));
  answer = get(alice);
  ASSERT_TRUE(answer.handled());
  EXPECT_TRUE(answer.payload.get_as<roster::roster_items>(0).empty());
}

TEST_F(RosterSqliteActor, AnEmptyRosterIsHandled) {
  auto answer = get("nobody@localhost");
  ASSERT_TRUE(answer.handled()) << answer.error;
  EXPECT_TRUE(answer.payload.get_as<roster::roster_items>(0).empty());
}

TEST_F(RosterSqliteActor, DatabaseErrorsFailReadsAndRefuseWrites) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(sqlite::database_path(dir_.path()).c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE roster_groups; DROP TABLE roster_items", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  // A failed read is an error, never "declined" (that would read as an empty roster).
  auto answer = get("alice@localhost");
  EXPECT_FALSE(answer.answered);
  EXPECT_FALSE(answer.error.empty());
  EXPECT_FALSE(
      stored(ask_hook(system_, handler_, atoms::roster_set_item::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, item("bob@localhost"))));
  EXPECT_FALSE(
      stored(ask_hook(system_, handler_, atoms::roster_remove::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, std::string{"bob@localhost"})));
  EXPECT_FALSE(stored(ask_hook(system_, handler_, atoms::roster_wipe::value,
                               std::string{"localhost"}, std::string{"alice@localhost"})));
}

// The plugin start function as the loader calls it, with an in-memory shared_actor registry.
class RosterSqlitePlugin : public ::testing::Test {
 protected:
  RosterSqlitePlugin() : system_{config_} {}

  ~RosterSqlitePlugin() override {
    caf::scoped_actor self{system_};
    for (auto& [key, actor] : shared_) self->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  config::server_config parse(const std::string& plugin_table) {
    return config::parse("data_dir = \"" + (dir_.path() / "data").string() +
                             "\"\n"
                             "[[vhosts]]\ndomain = \"localhost\"\n"
                             "[[vhosts.plugins]]\nname = \"roster_sqlite\"\n" +
                             plugin_table +
                             "[[vhosts]]\ndomain = \"example.org\"\n"
                             "[[vhosts.plugins]]\nname = \"roster_sqlite\"\n",
                         "test.toml");
  }

  std::vector<hooks::registration> start(const config::server_config& server, std::size_t vhost) {
    plugin_context ctx{system_, server, server.vhosts[vhost], server.vhosts[vhost].plugins[0],
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         auto it = shared_.find(key);
                         if (it == shared_.end()) it = shared_.emplace(key, make()).first;
                         return it->second;
                       }};
    return roster_sqlite::start(ctx);
  }

  testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  std::map<std::string, caf::actor> shared_;
};

TEST_F(RosterSqlitePlugin, OneSharedActorForEveryVhost) {
  auto server = parse("");
  auto first = start(server, 0);
  auto second = start(server, 1);
  ASSERT_EQ(first.size(), 4u);
  ASSERT_EQ(second.size(), 4u);
  EXPECT_EQ(first[0].hook, hooks::hook_id::roster_get);
  EXPECT_EQ(first[1].hook, hooks::hook_id::roster_set_item);
  EXPECT_EQ(first[2].hook, hooks::hook_id::roster_remove);
  EXPECT_EQ(first[3].hook, hooks::hook_id::roster_wipe);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(first[i].handler, first[0].handler);
    EXPECT_EQ(second[i].handler, first[0].handler);
  }
  EXPECT_EQ(shared_.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(sqlite::database_path(dir_.path() / "data")));

  EXPECT_TRUE(
      stored(ask_hook(system_, second[1].handler, atoms::roster_set_item::value,
                      std::string{"example.org"}, std::string{"o@example.org"}, item("a@x"))));
  auto answer = ask_hook(system_, first[0].handler, atoms::roster_get::value,
                         std::string{"localhost"}, std::string{"o@example.org"});
  ASSERT_TRUE(answer.handled()) << answer.error;
  EXPECT_TRUE(answer.payload.get_as<roster::roster_items>(0).empty());
}

TEST_F(RosterSqlitePlugin, RejectsSettings) {
  auto server = parse("max_items = 10\n");
  try {
    start(server, 0);
    FAIL() << "no config_error";
  } catch (const config::config_error& e) {
    EXPECT_EQ(e.key(), "vhosts[0].plugins[0].max_items");
    EXPECT_EQ(e.line(), 6u);
  }
  EXPECT_TRUE(shared_.empty());
}

TEST_F(RosterSqlitePlugin, UnusableDataDirIsAConfigError) {
  std::ofstream(dir_.path() / "data") << "not a directory";
  auto server = parse("");
  try {
    start(server, 0);
    FAIL() << "no config_error";
  } catch (const config::config_error& e) {
    EXPECT_EQ(e.key(), "data_dir");
    EXPECT_NE(std::string(e.what()).find("cannot create data directory"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace djabberd::plugins::roster_sqlite
