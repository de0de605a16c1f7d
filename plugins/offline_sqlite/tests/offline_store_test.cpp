// The SQLite offline store over a real database file: order, ids, quota, isolation, reopening.
#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "plugins/offline_sqlite/offline_store.hpp"
#include "plugins/test_support/temp_dir.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::offline_sqlite {
namespace {

using result = offline_store::store_result;

xml::element_ptr message(const std::string& body) {
  auto m = xml::make_element("message", "jabber:client");
  m->set_attr("from", "juliet@example.com/balcony");
  m->set_attr("to", "romeo@localhost");
  m->set_attr("type", "chat");
  m->add_child("body", "jabber:client").add_text(body);
  auto& delay = m->add_child("delay", "urn:xmpp:delay");
  delay.set_attr("from", "localhost");
  delay.set_attr("stamp", "2026-11-27T19:00:00Z");
  delay.add_text("Offline Storage");
  return m;
}

// Runs one SQL statement on a second connection to the store's file.
void exec_sql(const std::filesystem::path& dir, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(sqlite::database_path(dir).c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

class OfflineSqliteStore : public ::testing::Test {
 protected:
  OfflineSqliteStore() { store_ = open(); }

  std::unique_ptr<offline_store> open() {
    std::string error;
    auto store = offline_store::open(dir_.path(), error);
    EXPECT_TRUE(store) << error;
    return store;
  }

  offline_store::fetched fetch(offline_store& store, const std::string& owner,
                               const std::string& domain = "localhost") {
    auto fetched = store.fetch(domain, owner);
    EXPECT_TRUE(fetched) << store.last_error();
    return fetched ? *fetched : offline_store::fetched{};
  }

  testing::temp_dir dir_;
  std::unique_ptr<offline_store> store_;
};

TEST_F(OfflineSqliteStore, NothingStored) {
  auto fetched = fetch(*store_, "romeo@localhost");
  EXPECT_TRUE(fetched.messages.empty());
  EXPECT_TRUE(fetched.ids.empty());
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), 0);
}

TEST_F(OfflineSqliteStore, OldestFirstWithGrowingIds) {
  std::vector<xml::element_ptr> sent;
  for (int i = 0; i < 5; ++i) {
    sent.push_back(message("message " + std::to_string(i) + " ☺ <&>"));
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *sent.back(), 1000), result::stored)
        << store_->last_error();
  }
  auto fetched = fetch(*store_, "romeo@localhost");
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

TEST_F(OfflineSqliteStore, RemoveDeletesOnlyTheGivenIds) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message(std::to_string(i)), 1000),
              result::stored);
  auto fetched = fetch(*store_, "romeo@localhost");
  ASSERT_EQ(fetched.ids.size(), 4u);
  // Another owner's id is never removed through this owner.
  ASSERT_EQ(store_->store("localhost", "juliet@localhost", *message("j"), 1000), result::stored);
  auto juliet = fetch(*store_, "juliet@localhost");
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost",
                             {fetched.ids[0], fetched.ids[2], juliet.ids[0], 999999}));
  auto left = fetch(*store_, "romeo@localhost");
  EXPECT_EQ(left.ids, (std::vector<std::int64_t>{fetched.ids[1], fetched.ids[3]}));
  EXPECT_EQ(left.messages[0]->child("body", "jabber:client")->text(), "1");
  EXPECT_EQ(fetch(*store_, "juliet@localhost").ids.size(), 1u);
  EXPECT_TRUE(store_->remove("localhost", "romeo@localhost", {}));
}

TEST_F(OfflineSqliteStore, IdsAreNeverReused) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("a"), 1000), result::stored);
  auto first = fetch(*store_, "romeo@localhost").ids;
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost", first));
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("b"), 1000), result::stored);
  auto second = fetch(*store_, "romeo@localhost").ids;
  ASSERT_EQ(second.size(), 1u);
  EXPECT_GT(second[0], first[0]);
}

TEST_F(OfflineSqliteStore, QuotaPerAccount) {
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message(std::to_string(i)), 3),
              result::stored);
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("over"), 3), result::quota_full);
  EXPECT_TRUE(store_->last_error().empty());
  EXPECT_EQ(store_->count("localhost", "romeo@localhost"), 3);
  // Other accounts, and the same name on another vhost, have their own quota.
  EXPECT_EQ(store_->store("localhost", "juliet@localhost", *message("j"), 3), result::stored);
  EXPECT_EQ(store_->store("example.org", "romeo@localhost", *message("e"), 3), result::stored);
  // Delivering frees room.
  auto fetched = fetch(*store_, "romeo@localhost");
  ASSERT_TRUE(store_->remove("localhost", "romeo@localhost", {fetched.ids[0]}));
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("now"), 3), result::stored);
  auto last = fetch(*store_, "romeo@localhost");
  EXPECT_EQ(last.messages.back()->child("body", "jabber:client")->text(), "now");
}

TEST_F(OfflineSqliteStore, DomainsAreIsolated) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("local"), 10), result::stored);
  ASSERT_EQ(store_->store("example.org", "romeo@localhost", *message("other"), 10), result::stored);
  auto local = fetch(*store_, "romeo@localhost");
  auto other = fetch(*store_, "romeo@localhost", "example.org");
  ASSERT_EQ(local.messages.size(), 1u);
  ASSERT_EQ(other.messages.size(), 1u);
  EXPECT_EQ(local.messages[0]->child("body", "jabber:client")->text(), "local");
  EXPECT_TRUE(store_->remove("example.org", "romeo@localhost", local.ids));
  EXPECT_EQ(fetch(*store_, "romeo@localhost").messages.size(), 1u);
}

TEST_F(OfflineSqliteStore, SurvivesReopening) {
  auto m = message("kept");
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *m, 10), result::stored);
  store_.reset();
  auto reopened = open();
  ASSERT_TRUE(reopened);
  auto fetched = fetch(*reopened, "romeo@localhost");
  ASSERT_EQ(fetched.messages.size(), 1u);
  EXPECT_EQ(*fetched.messages[0], *m);
}

TEST_F(OfflineSqliteStore, UnreadableRowsAreReportedApart) {
  ASSERT_EQ(store_->store("localhost", "romeo@localhost", *message("good"), 10), result::stored);
  exec_sql(dir_.path(),
           "INSERT INTO offline_messages (domain, owner, stored_at, stanza) "
           "VALUES ('localhost', 'romeo@localhost', 0, '<message><body>cut')");
  auto fetched = fetch(*store_, "romeo@localhost");
  ASSERT_EQ(fetched.messages.size(), 1u);
  EXPECT_EQ(fetched.ids.size(), 1u);
  ASSERT_EQ(fetched.unreadable.size(), 1u);
  EXPECT_GT(fetched.unreadable[0], fetched.ids[0]);
}

TEST_F(OfflineSqliteStore, DatabaseErrorsAreReported) {
  exec_sql(dir_.path(), "DROP TABLE offline_messages");
  EXPECT_EQ(store_->store("localhost", "romeo@localhost", *message("x"), 10), result::error);
  EXPECT_NE(store_->last_error().find("offline_messages"), std::string::npos)
      << store_->last_error();
  EXPECT_FALSE(store_->fetch("localhost", "romeo@localhost"));
  EXPECT_FALSE(store_->remove("localhost", "romeo@localhost", {1}));
  EXPECT_FALSE(store_->last_error().empty());
}

}  // namespace
}  // namespace djabberd::plugins::offline_sqlite
