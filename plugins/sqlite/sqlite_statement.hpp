// A prepared SQLite statement owned by RAII, with binding and column helpers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace djabberd::plugins::sqlite {

/// One prepared statement, kept for the life of its connection and reused: bind, step, reset.
class sqlite_statement {
 public:
  sqlite_statement() = default;
  /// Prepares `sql` on `db`; on failure ok() is false and the connection's error message tells why.
  sqlite_statement(sqlite3* db, std::string_view sql);
  ~sqlite_statement();

  sqlite_statement(sqlite_statement&& other) noexcept;
  sqlite_statement& operator=(sqlite_statement&& other) noexcept;
  sqlite_statement(const sqlite_statement&) = delete;
  sqlite_statement& operator=(const sqlite_statement&) = delete;

  /// True if preparation succeeded.
  bool ok() const { return stmt_ != nullptr; }

  /// Binds parameter `index` (1-based). Text and blobs are copied by SQLite.
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::string_view bytes);
  void bind_int64(int index, std::int64_t value);

  /// Runs one step: SQLITE_ROW, SQLITE_DONE or an SQLite error code.
  int step();

  /// Reads column `index` (0-based) of the current row.
  std::string column_text(int index) const;
  std::string column_blob(int index) const;
  std::int64_t column_int64(int index) const;

  /// Ends the current use: resets the statement (releasing its read snapshot) and clears bindings.
  void reset();

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

/// Resets a statement when leaving the scope that used it, whichever way it is left.
class statement_use {
 public:
  explicit statement_use(sqlite_statement& stmt) : stmt_(stmt) {}
  ~statement_use() { stmt_.reset(); }
  statement_use(const statement_use&) = delete;
  statement_use& operator=(const statement_use&) = delete;

 private:
  sqlite_statement& stmt_;
};

}  // namespace djabberd::plugins::sqlite
