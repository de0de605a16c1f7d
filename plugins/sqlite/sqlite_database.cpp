// open_database: the connection settings every store shares, then the store's own schema.
#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace djabberd::plugins::sqlite {

namespace {

// Runs `sql` (no result rows expected); "" or the error.
std::string exec(sqlite3* db, const char* sql, std::string_view what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
  std::string result = std::string(what) + ": " + (message ? message : sqlite3_errmsg(db));
  sqlite3_free(message);
  return result;
}

// Creates the file readable by its owner only (it holds password-equivalent keys and private
// messages); SQLite gives its -wal and -shm files the same mode.
std::string create_private_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return std::error_code(errno, std::generic_category()).message();
  ::close(fd);
  return "";
}

std::string journal_mode(sqlite3* db, std::string& error) {
  sqlite3_stmt* stmt = nullptr;
  std::string mode;
  if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    mode = text ? text : "";
  } else {
    error = error_text(db, "cannot switch to WAL journal mode");
  }
  sqlite3_finalize(stmt);
  return mode;
}

// Connection settings, then the schema in one transaction; "" or the error.
std::string prepare(sqlite3* db, std::string_view schema) {
  sqlite3_extended_result_codes(db, 1);
  if (sqlite3_busy_timeout(db, database_busy_timeout_ms) != SQLITE_OK)
    return error_text(db, "cannot set the busy timeout");
  std::string error;
  std::string mode = journal_mode(db, error);
  if (!error.empty()) return error;
  if (mode != "wal") return "cannot switch to WAL journal mode (got '" + mode + "')";
  // In WAL mode NORMAL may lose the last commits on power loss; FULL syncs the WAL on every
  // commit, so whatever a store acknowledged is on disk.
  if (auto e = exec(db, "PRAGMA synchronous = FULL", "cannot set synchronous"); !e.empty())
    return e;
  if (auto e = exec(db, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"); !e.empty())
    return e;
  write_transaction tx(db);
  if (!tx.ok()) return error_text(db, "cannot start the schema transaction");
  if (auto e = exec(db, std::string(schema).c_str(), "cannot create the tables"); !e.empty())
    return e;
  if (!tx.commit()) return error_text(db, "cannot commit the schema");
  return "";
}

}  // namespace

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
  return data_dir / database_file_name;
}

void connection_closer::operator()(sqlite3* db) const {
  sqlite3_close(db);
}

bool forget_owner(sqlite3* db, std::string_view table, std::string_view domain,
                  std::string_view owner, std::string& error) {
  std::string sql = "DELETE FROM " + std::string(table) + " WHERE domain = ?1 AND owner = ?2";
  sqlite_statement stmt(db, sql);
  if (!stmt.ok()) {
    error = error_text(db, "cannot prepare the delete");
    return false;
  }
  statement_use use(stmt);
  stmt.bind_text(1, domain);
  stmt.bind_text(2, owner);
  if (stmt.step() != SQLITE_DONE) {
    error = error_text(db, "cannot delete the account's rows");
    return false;
  }
  return true;
}

std::string error_text(sqlite3* db, std::string_view what) {
  return std::string(what) + ": " + sqlite3_errmsg(db);
}

connection open_database(const std::filesystem::path& data_dir, std::string_view schema,
                         std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    error = "cannot create data directory " + data_dir.string() + ": " + ec.message();
    return nullptr;
  }
  auto path = database_path(data_dir);
  if (!std::filesystem::exists(path, ec)) {
    if (auto problem = create_private_file(path); !problem.empty()) {
      error = "cannot create " + path.string() + ": " + problem;
      return nullptr;
    }
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  connection db(raw);
  if (rc != SQLITE_OK) {
    error = "cannot open " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return nullptr;
  }
  if (auto problem = prepare(db.get(), schema); !problem.empty()) {
    error = path.string() + ": " + problem;
    return nullptr;
  }
  return db;
}

write_transaction::write_transaction(sqlite3* db) : db_(db) {
  open_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
}

write_transaction::~write_transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool write_transaction::commit() {
  if (!open_) return false;
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK) {
    open_ = false;
    return true;
  }
  return false;  // still open: the destructor rolls it back
}

}  // namespace djabberd::plugins::sqlite
