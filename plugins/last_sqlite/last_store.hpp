// The SQLite store of accounts' last logout (XEP-0012): time and status per account.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::last_sqlite {

inline constexpr std::string_view last_schema = R"sql(
CREATE TABLE IF NOT EXISTS last_activity (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  seconds INTEGER NOT NULL,
  status  TEXT NOT NULL,
  PRIMARY KEY (domain, owner)
) WITHOUT ROWID;
)sql";

/// One thread at a time; methods never throw, failures carry SQLite's message in last_error().
class last_store {
 public:
  static std::unique_ptr<last_store> open(const std::filesystem::path& data_dir,
                                          std::string& error);
  ~last_store();
  last_store(const last_store&) = delete;
  last_store& operator=(const last_store&) = delete;

  /// (logout unix seconds, status); nullopt when none is stored or on error (last_error()).
  std::optional<std::pair<std::int64_t, std::string>> get(std::string_view domain,
                                                          std::string_view owner);
  bool set(std::string_view domain, std::string_view owner, std::int64_t seconds,
           std::string_view status);
  /// Forgets the logout of `owner` (a deleted account).
  bool remove(std::string_view domain, std::string_view owner);
  const std::string& last_error() const { return last_error_; }

 private:
  explicit last_store(sqlite::connection db);
  bool fail(std::string_view what);

  sqlite::connection db_;  // first: destroyed after the statements
  std::string last_error_;
  sqlite::sqlite_statement select_;
  sqlite::sqlite_statement upsert_;
  sqlite::sqlite_statement delete_;
};

}  // namespace djabberd::plugins::last_sqlite
