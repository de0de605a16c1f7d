// Opening the shared database file <data_dir>/djabberd.sqlite for a store, and write transactions.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace djabberd::plugins::sqlite {

/// The database file inside the data directory (shared by every SQLite store).
inline constexpr std::string_view database_file_name = "djabberd.sqlite";

/// How long a writer waits for another connection's lock (daemon and djabberctl share the file).
inline constexpr int database_busy_timeout_ms = 5000;

/// `data_dir / database_file_name`.
std::filesystem::path database_path(const std::filesystem::path& data_dir);

/// Closes a connection (its statements must be finalized first).
struct connection_closer {
  void operator()(sqlite3* db) const;
};
using connection = std::unique_ptr<sqlite3, connection_closer>;

/// Opens the database in `data_dir`, creating the directory and the file (mode 0600) if missing,
/// with a 5 s busy timeout, WAL journal, synchronous=FULL (an acknowledged write survives a crash
/// or power loss), foreign keys on and extended result codes. Then runs `schema` (idempotent
/// statements such as CREATE TABLE IF NOT EXISTS) in one write transaction. A store creates only
/// its own tables and never touches PRAGMA user_version (auth_sqlite owns it). Returns nullptr
/// and sets `error` (naming the file) on failure.
connection open_database(const std::filesystem::path& data_dir, std::string_view schema,
                         std::string& error);

/// Deletes every row of `table` whose (domain, owner) columns are the given ones: what a store
/// forgets of a removed account (account.deleted). `table` is a trusted constant of the caller.
/// Returns false and sets `error` on failure.
bool forget_owner(sqlite3* db, std::string_view table, std::string_view domain,
                  std::string_view owner, std::string& error);

/// "what: SQLite's last message on db".
std::string error_text(sqlite3* db, std::string_view what);

/// A write transaction (BEGIN IMMEDIATE, so the write lock is taken up front and waits on the busy
/// timeout instead of failing on a lock upgrade). Rolled back on destruction unless committed.
class write_transaction {
 public:
  explicit write_transaction(sqlite3* db);
  ~write_transaction();
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;

  /// True if BEGIN succeeded.
  bool ok() const { return open_; }
  /// Commits; false if COMMIT failed (the transaction is then rolled back).
  bool commit();

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace djabberd::plugins::sqlite
