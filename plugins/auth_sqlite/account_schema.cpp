// Creates or checks the account tables inside one write transaction.
#include "plugins/auth_sqlite/account_schema.hpp"

#include <sqlite3.h>

namespace djabberd::plugins::auth_sqlite {

namespace {

// No plaintext password column anywhere: only the SCRAM keys derived from it.
constexpr const char* create_tables = R"sql(
CREATE TABLE IF NOT EXISTS accounts (
  domain     TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (domain, username)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scram_credentials (
  domain     TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  algo       TEXT    NOT NULL CHECK (algo IN ('SHA-1', 'SHA-256')),
  salt       BLOB    NOT NULL,
  iterations INTEGER NOT NULL CHECK (iterations > 0),
  stored_key BLOB    NOT NULL,
  server_key BLOB    NOT NULL,
  PRIMARY KEY (domain, username, algo),
  FOREIGN KEY (domain, username) REFERENCES accounts (domain, username) ON DELETE CASCADE
) WITHOUT ROWID;
PRAGMA user_version = 1;
)sql";

std::string error_of(sqlite3* db, const char* what) {
  return std::string(what) + ": " + sqlite3_errmsg(db);
}

// Runs `sql` (no result rows expected); "" or the error.
std::string exec(sqlite3* db, const char* sql, const char* what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
  std::string result = std::string(what) + ": " + (message ? message : sqlite3_errmsg(db));
  sqlite3_free(message);
  return result;
}

// Reads a single-value PRAGMA as text; false with `error` set on failure.
bool query_pragma(sqlite3* db, const char* sql, std::string& value, std::string& error) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    error = error_of(db, sql);
    return false;
  }
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    value = text ? text : "";
  } else {
    error = error_of(db, sql);
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_ROW;
}

std::string create_or_check_schema(sqlite3* db) {
  std::string version;
  std::string error;
  if (!query_pragma(db, "PRAGMA user_version", version, error)) return error;
  if (version == "0") return exec(db, create_tables, "cannot create the account tables");
  if (version == std::to_string(schema_version)) return "";
  return "database schema version " + version + " is not supported by this build (expected " +
         std::to_string(schema_version) + ")";
}

}  // namespace

std::string prepare_database(sqlite3* db) {
  if (sqlite3_busy_timeout(db, busy_timeout_ms) != SQLITE_OK)
    return error_of(db, "cannot set the busy timeout");
  std::string mode;
  std::string error;
  if (!query_pragma(db, "PRAGMA journal_mode = WAL", mode, error)) return error;
  if (mode != "wal") return "cannot switch to WAL journal mode (got '" + mode + "')";
  if (auto e = exec(db, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"); !e.empty())
    return e;
  // IMMEDIATE takes the write lock up front, so two processes creating the tables at the same
  // time serialise on the busy timeout instead of failing on a lock upgrade.
  if (auto e = exec(db, "BEGIN IMMEDIATE", "cannot start the schema transaction"); !e.empty())
    return e;
  std::string result = create_or_check_schema(db);
  if (!result.empty()) {
    exec(db, "ROLLBACK", "rollback");
    return result;
  }
  return exec(db, "COMMIT", "cannot commit the schema");
}

}  // namespace djabberd::plugins::auth_sqlite
