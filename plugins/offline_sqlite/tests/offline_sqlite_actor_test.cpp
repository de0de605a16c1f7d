// The offline_sqlite actors, settings and plugin start in a real actor system.
#include <map>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/offline_sqlite/offline_options.hpp"
#include "plugins/offline_sqlite/offline_sqlite_actor.hpp"
#include "plugins/offline_sqlite/offline_sqlite_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::offline_sqlite {
namespace {

using testing::ask_hook;

xml::element_ptr chat(const std::string& body) {
  auto m = xml::make_element("message", "jabber:client");
  m->set_attr("type", "chat");
  m->add_child("body", "jabber:client").add_text(body);
  return m;
}

// The bool of a handled answer (false if not handled).
bool handled_true(const testing::hook_answer& answer) {
  EXPECT_TRUE(answer.handled()) << answer.error;
  return answer.handled() && answer.payload.match_elements<bool>() &&
         answer.payload.get_as<bool>(0);
}

// The plugin started for two vhosts as the loader does, with an in-memory shared_actor registry.
class OfflineSqlitePlugin : public ::testing::Test {
 protected:
  OfflineSqlitePlugin() : system_{config_} {}

  ~OfflineSqlitePlugin() override {
    caf::scoped_actor self{system_};
    for (auto& [key, actor] : shared_) self->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  // Starts the plugin for vhost `index` of a configuration whose plugin tables hold `first` and
  // `second` (each from line 6 and after).
  std::vector<hooks::registration> start(std::size_t index, const std::string& first = "",
                                         const std::string& second = "") {
    server_ = config::parse("data_dir = \"" + (dir_.path() / "data").string() +
                                "\"\n"
                                "[[vhosts]]\ndomain = \"localhost\"\n"
                                "[[vhosts.plugins]]\nname = \"offline_sqlite\"\n" +
                                first +
                                "[[vhosts]]\ndomain = \"example.org\"\n"
                                "[[vhosts.plugins]]\nname = \"offline_sqlite\"\n" +
                                second,
                            "test.toml");
    plugin_context ctx{system_, server_, server_.vhosts[index], server_.vhosts[index].plugins[0],
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         auto it = shared_.find(key);
                         if (it == shared_.end()) it = shared_.emplace(key, make()).first;
                         return it->second;
                       }};
    return offline_sqlite::start(ctx);
  }

  std::string error_of(const std::string& first) {
    try {
      start(0, first);
    } catch (const config::config_error& e) {
      return e.what();
    }
    return "";
  }

  testing::hook_answer store(const caf::actor& handler, const std::string& vhost,
                             const std::string& owner, const std::string& body) {
    return ask_hook(system_, handler, atoms::offline_store::value, vhost, owner, chat(body));
  }

  testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  config::server_config server_;
  std::map<std::string, caf::actor> shared_;
};

TEST_F(OfflineSqlitePlugin, StoreFetchRemove) {
  auto regs = start(0);
  ASSERT_EQ(regs.size(), 4u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::offline_store);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::offline_fetch);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::offline_remove);
  EXPECT_EQ(regs[3].hook, hooks::hook_id::account_deleted);
  const std::string vhost = "localhost", owner = "romeo@localhost";
  for (const char* body : {"one", "two", "three"})
    EXPECT_TRUE(handled_true(store(regs[0].handler, vhost, owner, body)));

  auto fetched = ask_hook(system_, regs[1].handler, atoms::offline_fetch::value, vhost, owner);
  ASSERT_TRUE(fetched.handled()) << fetched.error;
  ASSERT_TRUE((fetched.payload.match_elements<xml::element_list, std::vector<std::int64_t>>()));
  auto messages = fetched.payload.get_as<xml::element_list>(0);
  auto ids = fetched.payload.get_as<std::vector<std::int64_t>>(1);
  ASSERT_EQ(messages.size(), 3u);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(*messages[0], *chat("one"));
  EXPECT_EQ(*messages[2], *chat("three"));

  EXPECT_TRUE(handled_true(ask_hook(system_, regs[2].handler, atoms::offline_remove::value, vhost,
                                    owner, std::vector<std::int64_t>{ids[0], ids[1]})));
  fetched = ask_hook(system_, regs[1].handler, atoms::offline_fetch::value, vhost, owner);
  ASSERT_TRUE(fetched.handled());
  EXPECT_EQ(fetched.payload.get_as<std::vector<std::int64_t>>(1),
            (std::vector<std::int64_t>{ids[2]}));
}

TEST_F(OfflineSqlitePlugin, QuotaIsPerVhostSetting) {
  auto local = start(0, "max_messages = 2\n", "max_messages = 3\n");
  auto other = start(1, "max_messages = 2\n", "max_messages = 3\n");
  EXPECT_EQ(shared_.size(), 1u);
  EXPECT_EQ(local[1].handler, other[1].handler);  // one store actor
  EXPECT_NE(local[0].handler, other[0].handler);  // one quota front per vhost
  const std::string owner = "romeo@x";
  EXPECT_TRUE(handled_true(store(local[0].handler, "localhost", owner, "1")));
  EXPECT_TRUE(handled_true(store(local[0].handler, "localhost", owner, "2")));
  auto full = store(local[0].handler, "localhost", owner, "3");
  ASSERT_TRUE(full.handled()) << full.error;
  EXPECT_FALSE(full.payload.get_as<bool>(0));
  for (const char* body : {"1", "2", "3"})
    EXPECT_TRUE(handled_true(store(other[0].handler, "example.org", owner, body)));
  EXPECT_FALSE(store(other[0].handler, "example.org", owner, "4").payload.get_as<bool>(0));
}

TEST_F(OfflineSqlitePlugin, DefaultQuotaIs1000) {
  auto regs = start(0);
  {
    // 999 messages, written directly in the file (one transaction).
    std::string error;
    auto db = sqlite::open_database(dir_.path() / "data", "", error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(sqlite3_exec(db.get(),
                           "INSERT INTO offline_messages (domain, owner, stored_at, stanza) "
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 999) SELECT 'localhost', 'romeo@localhost', 0, "
                           "'<message xmlns=''jabber:client''/>' FROM n",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  EXPECT_TRUE(handled_true(store(regs[0].handler, "localhost", "romeo@localhost", "1000")));
  auto full = store(regs[0].handler, "localhost", "romeo@localhost", "1001");
  ASSERT_TRUE(full.handled()) << full.error;
  EXPECT_FALSE(full.payload.get_as<bool>(0));
}

TEST_F(OfflineSqlitePlugin, UnreadableRowsAreDroppedAtFetch) {
  auto regs = start(0);
  EXPECT_TRUE(handled_true(store(regs[0].handler, "localhost", "romeo@localhost", "ok")));
  {
    std::string error;
    auto tool = offline_store::open(dir_.path() / "data", error);
    ASSERT_TRUE(tool) << error;
    auto m = xml::make_element("message", "jabber:client");
    ASSERT_EQ(tool->store("localhost", "romeo@localhost", *m, 10),
              offline_store::store_result::stored);
  }
  // Corrupt the second row behind the store's back.
  {
    std::string error;
    auto db = sqlite::open_database(dir_.path() / "data", "", error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(sqlite3_exec(db.get(),
                           "UPDATE offline_messages SET stanza = '<message' WHERE id = "
                           "(SELECT MAX(id) FROM offline_messages)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  auto fetched = ask_hook(system_, regs[1].handler, atoms::offline_fetch::value,
                          std::string{"localhost"}, std::string{"romeo@localhost"});
  ASSERT_TRUE(fetched.handled()) << fetched.error;
  EXPECT_EQ(fetched.payload.get_as<xml::element_list>(0).size(), 1u);
  std::string error;
  auto tool = offline_store::open(dir_.path() / "data", error);
  ASSERT_TRUE(tool) << error;
  EXPECT_EQ(tool->count("localhost", "romeo@localhost"), 1);
}

TEST_F(OfflineSqlitePlugin, SettingErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of("max_messages = \"many\"\n")
                .rfind("test.toml:6: vhosts[0].plugins[0].max_messages: ", 0),
            0u)
      << error_of("max_messages = \"many\"\n");
  EXPECT_EQ(
      error_of("max_messages = 0\n").rfind("test.toml:6: vhosts[0].plugins[0].max_messages", 0),
      0u);
  auto unknown = error_of("max_message = 10\n");
  EXPECT_EQ(unknown.rfind("test.toml:6: vhosts[0].plugins[0].max_message", 0), 0u) << unknown;
  EXPECT_TRUE(shared_.empty());
}

TEST(OfflineSqliteOptions, DefaultsAndRange) {
  auto read = [](const std::string& lines) {
    auto server = config::parse(
        "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"offline_sqlite\"\n" +
            lines,
        "test.toml");
    return read_offline_options(server.vhosts[0].plugins[0].settings);
  };
  EXPECT_EQ(read("").max_messages, 1000);
  EXPECT_EQ(read("max_messages = 1\n").max_messages, 1);
  EXPECT_EQ(read("max_messages = 1000000\n").max_messages, 1000000);
  EXPECT_THROW(read("max_messages = 1000001\n"), config::config_error);
  EXPECT_THROW(read("max_messages = -1\n"), config::config_error);
  EXPECT_THROW(read("max_messages = 1.5\n"), config::config_error);
}

}  // namespace
}  // namespace djabberd::plugins::offline_sqlite
