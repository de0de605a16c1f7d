// The SQLite private XML store (XEP-0049): one element per account and "{namespace}name" key.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::private_sqlite {

/// Creates the private_storage table if missing: the element's XML text per (domain, owner bare
/// JID, key "{namespace}name").
inline constexpr std::string_view private_schema = R"sql(
CREATE TABLE IF NOT EXISTS private_storage (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  key     TEXT NOT NULL,
  element TEXT NOT NULL,
  PRIMARY KEY (domain, owner, key)
) WITHOUT ROWID;
)sql";

/// Private XML of every vhost in `<data_dir>/djabberd.sqlite`. One thread at a time; methods
/// never throw, failures carry SQLite's message in last_error().
class private_store {
 public:
  /// Opens (creating the file and table if missing); nullptr and `error` set on failure.
  static std::unique_ptr<private_store> open(const std::filesystem::path& data_dir,
                                             std::string& error);
  ~private_store();
  private_store(const private_store&) = delete;
  private_store& operator=(const private_store&) = delete;

  /// The stored XML under `key`; nullopt when there is none or on error (last_error() tells).
  std::optional<std::string> get(std::string_view domain, std::string_view owner,
                                 std::string_view key);
  /// Inserts or replaces the XML under `key`.
  bool set(std::string_view domain, std::string_view owner, std::string_view key,
           std::string_view xml);

  /// Deletes everything stored for `owner` (a removed account, account.deleted).
  bool forget(std::string_view domain, std::string_view owner);

  /// What the last call failed on, or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit private_store(sqlite::connection db);
  bool fail(std::string_view what);

  // Declared first so it is destroyed last (statements must be finalized before it closes).
  sqlite::connection db_;
  std::string last_error_;
  sqlite::sqlite_statement select_;
  sqlite::sqlite_statement upsert_;
};

}  // namespace djabberd::plugins::private_sqlite
