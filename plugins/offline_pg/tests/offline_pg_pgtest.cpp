// offline_pg against a real PostgreSQL: the offline_sqlite store cases, the plugin and its quota.
#include <gtest/gtest.h>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "plugins/offline_pg/offline_pg_options.hpp"
#include "plugins/offline_pg/offline_pg_plugin.hpp"
#include "plugins/offline_pg/pg_offline_schema.hpp"
#include "plugins/offline_pg/pg_offline_store.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::offline_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using postgres::testing::scalar;
using result = pg_offline_store::store_result;
using testing::ask_hook;

xml::element_ptr message(const std::string& body) {
  auto m = xml::make_element("message", "jabber:client");
  m->set_attr("type", "chat");
  m->add_child("body", "jabber:client").add_text(body);
  return m;
}

class OfflinePg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("offline_messages");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, offline_schema), "");
    store_ = std::make_unique<pg_offline_store>(conninfo_);
  }

  pg_offline_store::fetched fetch(const std::string& owner,
                                  const std::string& domain = "localhost") {
    auto fetched = store_->fetch(domain, owner);
    EXPECT_TRUE(fetched) << store_->last_error();
    return fetched ? std::move(*fetched) : pg_offline_store::fetched{};
  }

  testing::hook_answer store(const caf::actor& handler, const std::string& vhost,
                             const std::string& owner, const std::string& body) {
    return ask_hook(system_, handler, atoms::offline_store::value, vhost, owner, message(body));
  }

  static bool handled_true(const testing::hook_answer& answer) {
    EXPECT_TRUE(answer.handled()) << answer.error;
    return answer.handled() && answer.payload.match_elements<bool>() &&
           answer.payload.get_as<bool>(0);
  }

  std::unique_ptr<pg_offline_store> store_;
};

TEST_F(OfflinePg, NothingStored) {
  auto fetched = fetch("romeo@localhost");
  EXPECT_TRUE(fetched.messages.empty());
  EXPECT_TRUE(fetched.ids.empty());
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), 0);
}

TEST_F(OfflinePg, OldestFirstWithGrowingIds) {
  std::vector<xml::element_ptr> sent;
  for (int i = 0; i < 5; ++i) {
    sent.push_back(message("message " + std::to_string(i) + " ☺ <&>"));
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *sent.back(), 1000), result::stored)
        << store_->last_error();
  }
  auto fetched = fetch("romeo@localhost");
  ASSERT_EQ(fetched.messages.size(), 5u);
  ASSERT_EQ(fetched.ids.size(), 5u);
  EXPECT_TRUE(fetched.unreadable.empty());
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(*fetched.messages[i], *sent[i]) << xml::to_string(*fetched.messages[i]);
    if (i > 0) {
      EXPECT_GT(fetched.ids[i], fetched.ids[i - 1]);
    }
  }
}

TEST_F(OfflinePg, RemoveDeletesOnlyTheGivenIds) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message(std::to_string(i)), 1000),
              result::stored);
  auto fetched = fetch("romeo@localhost");
  ASSERT_EQ(fetched.ids.size(), 4u);
  // Another owner's id is never removed through this owner.
  ASSERT_EQ(store_->store("localhost", "juliet@localhost", *message("j"), 1000), result::stored);
  auto juliet = fetch("juliet@localhost");
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost",
                             {fetched.ids[0], fetched.ids[2], juliet.ids[0], 999999}))
      << store_->last_error();
  auto left = fetch("romeo@localhost");
  EXPECT_EQ(left.ids, (std::vector<std::int64_t>{fetched.ids[1], fetched.ids[3]}));
  EXPECT_EQ(left.messages[0]->child("body", "jabber:client")->text(), "1");
  EXPECT_EQ(fetch("juliet@localhost").ids.size(), 1u);
  EXPECT_TRUE(store_->remove("localhost", "romeo@localhost", {}));
}

TEST_F(OfflinePg, IdsAreNeverReused) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("a"), 1000), result::stored);
  auto first = fetch("romeo@localhost").ids;
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost", first));
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("b"), 1000), result::stored);
  auto second = fetch("romeo@localhost").ids;
  ASSERT_EQ(second.size(), 1u);
  EXPECT_GT(second[0], first[0]);
}

TEST_F(OfflinePg, QuotaPerAccount) {
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message(std::to_string(i)), 3),
              result::stored);
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("over"), 3), result::quota_full);
  EXPECT_TRUE(store_->last_error().empty());
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), 3);
  EXPECT_EQ(store_->store("localhost", "juliet@localhost", *message("j"), 3), result::stored);
  EXPECT_EQ(store_->store("example.org", "romeo@localhost", *message("e"), 3), result::stored);
  auto fetched = fetch("romeo@localhost");
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost", {fetched.ids[0]}));
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("now"), 3), result::stored);
  EXPECT_EQ(fetch("romeo@localhost").messages.back()->child("body", "jabber:client")->text(),
            "now");
}

TEST_F(OfflinePg, QuotaHoldsAcrossConnections) {
  // Two stores (two connections, as two servers of a cluster) fill one account together.
  pg_offline_store other(conninfo_);
  int stored = 0;
  for (int i = 0; i < 6; ++i) {
    auto& s = i % 2 ? other : *store_;
    if (s.store("localhost", "romeo@localhost", *message(std::to_string(i)), 4) == result::stored)
      ++stored;
  }
  EXPECT_EQ(stored, 4);
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), 4);
}

TEST_F(OfflinePg, DomainsAreIsolated) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("local"), 10), result::stored);
  ASSERT_EQ(store_->store("example.org", "romeo@localhost", *message("other"), 10), result::stored);
  auto local = fetch("romeo@localhost");
  auto other = fetch("romeo@localhost", "example.org");
  ASSERT_EQ(local.messages.size(), 1u);
  ASSERT_EQ(other.messages.size(), 1u);
  EXPECT_EQ(local.messages[0]->child("body", "jabber:client")->text(), "local");
  EXPECT_TRUE(store_->remove("example.org", "romeo@localhost", local.ids));
  EXPECT_EQ(fetch("romeo@localhost").messages.size(), 1u);
}

TEST_F(OfflinePg, UnreadableRowsAreReportedApart) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("good"), 10), result::stored);
  ASSERT_EQ(run_sql("INSERT INTO offline_messages (domain, owner, stored_at, stanza) "
                    "VALUES ('localhost', 'romeo@localhost', 0, '<message><body>cut')"),
            "");
  auto fetched = fetch("romeo@localhost");
  ASSERT_EQ(fetched.messages.size(), 1u);
  EXPECT_EQ(fetched.ids.size(), 1u);
  ASSERT_EQ(fetched.unreadable.size(), 1u);
  EXPECT_GT(fetched.unreadable[0], fetched.ids[0]);
}

TEST_F(OfflinePg, RecoversFromALostConnection) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("1"), 10), result::stored);
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("2"), 10), result::stored)
      << store_->last_error();
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_EQ(fetch("romeo@localhost").messages.size(), 2u);
}

TEST_F(OfflinePg, DatabaseErrorsAreReported) {
  ASSERT_EQ(run_sql("DROP TABLE offline_messages"), "");
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("x"), 10), result::error);
  EXPECT_NE(store_->last_error().find("offline_messages"), std::string::npos)
      << store_->last_error();
  EXPECT_FALSE(store_->fetch("localhost", "romeo@localhost"));
  EXPECT_FALSE(store_->remove("localhost", "romeo@localhost", {1}));
  EXPECT_FALSE(store_->last_error().empty());
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), -1);
}

TEST_F(OfflinePg, PluginStoreFetchRemoveWithPerVhostQuota) {
  configure("offline_pg", "max_messages = 2\n", "max_messages = 3\n");
  auto local = start(&offline_pg::start, 0);
  auto other = start(&offline_pg::start, 1);
  ASSERT_EQ(local.size(), 4u);
  EXPECT_EQ(local[0].hook, hooks::hook_id::offline_store);
  EXPECT_EQ(local[1].hook, hooks::hook_id::offline_fetch);
  EXPECT_EQ(local[2].hook, hooks::hook_id::offline_remove);
  EXPECT_EQ(local[3].hook, hooks::hook_id::account_deleted);
  EXPECT_EQ(shared_.size(), 1u);
  EXPECT_EQ(local[1].handler, other[1].handler);  // one pool
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

  auto fetched = ask_hook(system_, local[1].handler, atoms::offline_fetch::value,
                          std::string{"localhost"}, owner);
  ASSERT_TRUE(fetched.handled()) << fetched.error;
  ASSERT_TRUE((fetched.payload.match_elements<xml::element_list, std::vector<std::int64_t>>()));
  auto ids = fetched.payload.get_as<std::vector<std::int64_t>>(1);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_TRUE(
      handled_true(ask_hook(system_, local[2].handler, atoms::offline_remove::value,
                            std::string{"localhost"}, owner, std::vector<std::int64_t>{ids[0]})));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM offline_messages WHERE domain = 'localhost'"), 1);
  // account.deleted forgets that account's messages only.
  EXPECT_TRUE(handled_true(store(local[0].handler, "localhost", "juliet@localhost", "j")));
  EXPECT_TRUE(ask_hook(system_, local[3].handler, atoms::account_deleted::value,
                       std::string{"localhost"}, std::string{"juliet"})
                  .declined());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM offline_messages WHERE owner = 'juliet@localhost'"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM offline_messages WHERE domain = 'localhost'"), 1);
}

TEST_F(OfflinePg, PluginAnswersFailuresWithoutCrashing) {
  configure("offline_pg");
  auto regs = start(&offline_pg::start, 0);
  ASSERT_EQ(run_sql("DROP TABLE offline_messages"), "");
  auto refused = store(regs[0].handler, "localhost", "romeo@x", "lost?");
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));  // the core answers the sender with an error
  EXPECT_TRUE(ask_hook(system_, regs[1].handler, atoms::offline_fetch::value,
                       std::string{"localhost"}, std::string{"romeo@x"})
                  .declined());
}

TEST_F(OfflinePg, SettingsDefaultsRangesAndUnknownKeys) {
  configure("offline_pg");
  auto read = [this] { return read_offline_pg_options(server_.vhosts[0].plugins[0].settings); };
  EXPECT_EQ(read().max_messages, 1000);
  EXPECT_EQ(read().connection.connections, 4);
  EXPECT_EQ(read().connection.conninfo, conninfo_);
  std::string key;
  configure("offline_pg", "max_messages = 0\n");
  EXPECT_EQ(start_error(&offline_pg::start, &key).rfind("test.toml:7: ", 0), 0u);
  EXPECT_EQ(key, "vhosts[0].plugins[0].max_messages");
  configure("offline_pg", "connections = 65\n");
  EXPECT_NE(start_error(&offline_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].connections");
  configure("offline_pg", "max_message = 10\n");
  EXPECT_NE(start_error(&offline_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].max_message");
  EXPECT_TRUE(shared_.empty());
}

}  // namespace
}  // namespace djabberd::plugins::offline_pg
