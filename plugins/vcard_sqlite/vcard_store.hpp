// The SQLite vCard store: one serialized vCard per account.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::vcard_sqlite {

/// Creates the vcards table if missing: the vCard's XML text per (domain, owner bare JID).
inline constexpr std::string_view vcard_schema = R"sql(
CREATE TABLE IF NOT EXISTS vcards (
  domain TEXT NOT NULL,
  owner  TEXT NOT NULL,
  vcard  TEXT NOT NULL,
  PRIMARY KEY (domain, owner)
) WITHOUT ROWID;
)sql";

/// vCards of every vhost in `<data_dir>/djabberd.sqlite`. One thread at a time; methods never
/// throw, failures carry SQLite's message in last_error().
class vcard_store {
 public:
  /// Opens (creating the file and table if missing); nullptr and `error` set on failure.
  static std::unique_ptr<vcard_store> open(const std::filesystem::path& data_dir,
                                           std::string& error);
  ~vcard_store();
  vcard_store(const vcard_store&) = delete;
  vcard_store& operator=(const vcard_store&) = delete;

  /// The stored XML of `owner`; nullopt when there is none or on error (last_error() tells).
  std::optional<std::string> get(std::string_view domain, std::string_view owner);
  /// Inserts or replaces the vCard of `owner`.
  bool set(std::string_view domain, std::string_view owner, std::string_view xml);

  /// Deletes everything stored for `owner` (a removed account, account.deleted).
  bool forget(std::string_view domain, std::string_view owner);

  /// What the last call failed on, or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit vcard_store(sqlite::connection db);
  bool fail(std::string_view what);

  // Declared first so it is destroyed last (statements must be finalized before it closes).
  sqlite::connection db_;
  std::string last_error_;
  sqlite::sqlite_statement select_;
  sqlite::sqlite_statement upsert_;
};

}  // namespace djabberd::plugins::vcard_sqlite
