// open_database: the shared connection settings, the store's schema, and errors naming the file.
#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::sqlite {
namespace {

// The first column of the first row of `sql`, as text.
std::string query(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    value = text ? text : "";
  }
  sqlite3_finalize(stmt);
  return value;
}

constexpr std::string_view schema = "CREATE TABLE IF NOT EXISTS t (x INTEGER NOT NULL);";

TEST(SqliteDatabase, CreatesAPrivateFileWithTheSharedSettings) {
  testing::temp_dir dir;
  std::string error;
  auto db = open_database(dir.path() / "sub" / "dir", schema, error);
  ASSERT_TRUE(db) << error;
  auto path = database_path(dir.path() / "sub" / "dir");
  EXPECT_EQ(path.filename(), "djabberd.sqlite");
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(query(db.get(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query(db.get(), "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(query(db.get(), "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(query(db.get(), "PRAGMA busy_timeout"), "5000");
  EXPECT_EQ(query(db.get(), "PRAGMA user_version"), "0");
  EXPECT_EQ(query(db.get(), "SELECT COUNT(*) FROM t"), "0");
}

TEST(SqliteDatabase, ReopeningKeepsTheData) {
  testing::temp_dir dir;
  std::string error;
  {
    auto db = open_database(dir.path(), schema, error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(sqlite3_exec(db.get(), "INSERT INTO t VALUES (7)", nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  auto db = open_database(dir.path(), schema, error);
  ASSERT_TRUE(db) << error;
  EXPECT_EQ(query(db.get(), "SELECT x FROM t"), "7");
}

TEST(SqliteDatabase, ABadSchemaIsRolledBackAndNamesTheFile) {
  testing::temp_dir dir;
  std::string error;
  EXPECT_FALSE(open_database(dir.path(), "CREATE TABLE a (x); CREATE TABLE (", error));
  EXPECT_NE(error.find(database_path(dir.path()).string() + ": cannot create the tables"),
            std::string::npos)
      << error;
  auto db = open_database(dir.path(), "", error);
  ASSERT_TRUE(db) << error;
  EXPECT_EQ(query(db.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'a'"), "0");
}

TEST(SqliteDatabase, UnusableDataDir) {
  testing::temp_dir dir;
  std::ofstream(dir.path() / "file") << "x";
  std::string error;
  EXPECT_FALSE(open_database(dir.path() / "file", schema, error));
  EXPECT_NE(error.find("cannot create data directory"), std::string::npos) << error;
}

TEST(SqliteDatabase, WriteTransactionRollsBackUnlessCommitted) {
  testing::temp_dir dir;
  std::string error;
  auto db = open_database(dir.path(), schema, error);
  ASSERT_TRUE(db) << error;
  {
    write_transaction tx(db.get());
    ASSERT_TRUE(tx.ok());
    ASSERT_EQ(sqlite3_exec(db.get(), "INSERT INTO t VALUES (1)", nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  EXPECT_EQ(query(db.get(), "SELECT COUNT(*) FROM t"), "0");
  {
    write_transaction tx(db.get());
    ASSERT_EQ(sqlite3_exec(db.get(), "INSERT INTO t VALUES (2)", nullptr, nullptr, nullptr),
              SQLITE_OK);
    EXPECT_TRUE(tx.commit());
  }
  EXPECT_EQ(query(db.get(), "SELECT x FROM t"), "2");
}

}  // namespace
}  // namespace djabberd::plugins::sqlite
