// The SQLite roster store over a real database file: round trips, order, isolation, reopening.
#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "plugins/roster_sqlite/roster_store.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::roster_sqlite {
namespace {

roster::roster_item item(std::string contact, std::string name = "",
                         std::vector<std::string> groups = {}) {
  roster::roster_item i;
  i.contact = std::move(contact);
  i.name = std::move(name);
  i.groups = std::move(groups);
  return i;
}

class RosterSqliteStore : public ::testing::Test {
 protected:
  RosterSqliteStore() { store_ = open(); }

  std::unique_ptr<roster_store> open() {
    std::string error;
    auto store = roster_store::open(dir_.path(), error);
    EXPECT_TRUE(store) << error;
    return store;
  }

  roster::roster_items get(roster_store& store, const std::string& domain,
                           const std::string& owner) {
    auto items = store.get(domain, owner);
    EXPECT_TRUE(items) << store.last_error();
    return items ? *items : roster::roster_items{};
  }

  testing::temp_dir dir_;
  std::unique_ptr<roster_store> store_;
};

TEST_F(RosterSqliteStore, EmptyRoster) {
  EXPECT_TRUE(get(*store_, "localhost", "alice@localhost").empty());
}

TEST_F(RosterSqliteStore, EveryFieldRoundTrips) {
  // Each flag alone, all together and none, so a swapped column cannot pass.
  roster::roster_items items;
  for (int mask = 0; mask < 64; ++mask) {
    auto i = item("c" + std::to_string(mask) + "@example.org", "Name " + std::to_string(mask),
                  {"G" + std::to_string(mask)});
    i.to = mask & 1;
    i.from = mask & 2;
    i.pending_out = mask & 4;
    i.pending_in = mask & 8;
    i.approved = mask & 16;
    i.in_roster = mask & 32;
    ASSERT_TRUE(store_->set_item("localhost", "alice@localhost", i)) << store_->last_error();
    items.push_back(i);
  }
  EXPECT_EQ(get(*store_, "localhost", "alice@localhost"), items);
}

TEST_F(RosterSqliteStore, GroupsKeepTheirOrderAndUnicode) {
  auto i = item("juliet@example.com", "Джульетта ☺ 'n' \"q\"", {"Zeta", "alpha", "Ω", "", "Alpha"});
  ASSERT_TRUE(store_->set_item("localhost", "romeo@localhost", i));
  auto stored = get(*store_, "localhost", "romeo@localhost");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], i);
}

TEST_F(RosterSqliteStore, ItemsComeBackInInsertionOrder) {
  for (const char* c : {"zed@x", "amy@x", "mia@x"})
    ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item(c)));
  auto stored = get(*store_, "localhost", "o@localhost");
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].contact, "zed@x");
  EXPECT_EQ(stored[1].contact, "amy@x");
  EXPECT_EQ(stored[2].contact, "mia@x");
}

TEST_F(RosterSqliteStore, ReplaceKeepsThePlaceAndReplacesEverything) {
  auto first = item("a@x", "A", {"one", "two"});
  first.pending_in = true;
  first.in_roster = false;
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", first));
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("b@x")));
  auto replaced = item("a@x", "", {"three"});
  replaced.to = replaced.from = true;
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", replaced));
  EXPECT_EQ(get(*store_, "localhost", "o@localhost"),
            (roster::roster_items{replaced, item("b@x")}));
  auto no_groups = item("a@x", "A");
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", no_groups));
  EXPECT_EQ(get(*store_, "localhost", "o@localhost")[0], no_groups);
}

TEST_F(RosterSqliteStore, RemoveAndWipe) {
  for (const char* c : {"a@x", "b@x", "c@x"})
    ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item(c, "", {"g1", "g2"})));
  ASSERT_TRUE(store_->set_item("localhost", "p@localhost", item("a@x", "", {"g"})));
  ASSERT_TRUE(store_->remove("localhost", "o@localhost", "b@x"));
  EXPECT_TRUE(store_->remove("localhost", "o@localhost", "missing@x"));  // idempotent
  EXPECT_EQ(get(*store_, "localhost", "o@localhost"),
            (roster::roster_items{item("a@x", "", {"g1", "g2"}), item("c@x", "", {"g1", "g2"})}));
  ASSERT_TRUE(store_->wipe("localhost", "o@localhost"));
  EXPECT_TRUE(get(*store_, "localhost", "o@localhost").empty());
  EXPECT_EQ(get(*store_, "localhost", "p@localhost").size(), 1u);
  EXPECT_TRUE(store_->wipe("localhost", "nobody@localhost"));
}

TEST_F(RosterSqliteStore, RemovedGroupsDoNotLinger) {
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("a@x", "", {"g1", "g2"})));
  ASSERT_TRUE(store_->remove("localhost", "o@localhost", "a@x"));
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("a@x")));
  EXPECT_EQ(get(*store_, "localhost", "o@localhost"), (roster::roster_items{item("a@x")}));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(sqlite::database_path(dir_.path()).c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM roster_groups", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(RosterSqliteStore, DomainsAndOwnersAreIsolated) {
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("a@x", "local")));
  ASSERT_TRUE(store_->set_item("example.org", "o@localhost", item("a@x", "other vhost")));
  ASSERT_TRUE(store_->set_item("localhost", "p@localhost", item("a@x", "other owner")));
  EXPECT_EQ(get(*store_, "localhost", "o@localhost")[0].name, "local");
  EXPECT_EQ(get(*store_, "example.org", "o@localhost")[0].name, "other vhost");
  EXPECT_EQ(get(*store_, "localhost", "p@localhost")[0].name, "other owner");
  ASSERT_TRUE(store_->wipe("example.org", "o@localhost"));
  EXPECT_EQ(get(*store_, "localhost", "o@localhost").size(), 1u);
  EXPECT_TRUE(get(*store_, "example.org", "o@localhost").empty());
}

TEST_F(RosterSqliteStore, SurvivesReopening) {
  auto i = item("juliet@example.com", "Juliet", {"Friends", "Capulets"});
  i.to = i.approved = true;
  ASSERT_TRUE(store_->set_item("localhost", "romeo@localhost", i));
  ASSERT_TRUE(store_->set_item("localhost", "romeo@localhost", item("mercutio@example.com")));
  store_.reset();
  auto reopened = open();
  ASSERT_TRUE(reopened);
  EXPECT_EQ(get(*reopened, "localhost", "romeo@localhost"),
            (roster::roster_items{i, item("mercutio@example.com")}));
}

TEST_F(RosterSqliteStore, SharesTheFileWithOtherStoresAndMakesItPrivate) {
  auto path = sqlite::database_path(dir_.path());
  EXPECT_EQ(path.filename(), "djabberd.sqlite");
  auto perms = std::filesystem::status(path).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);  // owned by auth_sqlite, untouched here
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(RosterSqliteStore, DatabaseErrorsAreReported) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(sqlite::database_path(dir_.path()).c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE roster_groups", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_FALSE(store_->get("localhost", "o@localhost"));
  EXPECT_NE(store_->last_error().find("roster_groups"), std::string::npos) << store_->last_error();
  EXPECT_FALSE(store_->set_item("localhost", "o@localhost", item("a@x", "", {"g"})));
  EXPECT_FALSE(store_->last_error().empty());
  // The failed transaction was rolled back: the item is not half stored.
  ASSERT_EQ(sqlite3_open(sqlite::database_path(dir_.path()).c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM roster_items", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(RosterSqliteStore, UnusableDataDir) {
  std::ofstream(dir_.path() / "file") << "x";
  std::string error;
  EXPECT_FALSE(roster_store::open(dir_.path() / "file", error));
  EXPECT_NE(error.find("cannot create data directory"), std::string::npos) << error;
}

}  // namespace
}  // namespace djabberd::plugins::roster_sqlite
