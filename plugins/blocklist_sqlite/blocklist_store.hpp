// The SQLite block list store (XEP-0191): one row per blocked JID of an account.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::blocklist_sqlite {

/// Creates the blocklist table if missing: the blocked JIDs per (domain, owner bare JID).
inline constexpr std::string_view blocklist_schema = R"sql(
CREATE TABLE IF NOT EXISTS blocklist (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  blocked TEXT NOT NULL,
  PRIMARY KEY (domain, owner, blocked)
) WITHOUT ROWID;
)sql";

/// Block lists of every vhost in `<data_dir>/djabberd.sqlite`. One thread at a time; methods
/// never throw, failures carry SQLite's message in last_error().
class blocklist_store {
 public:
  /// Opens (creating the file and table if missing); nullptr and `error` set on failure.
  static std::unique_ptr<blocklist_store> open(const std::filesystem::path& data_dir,
                                               std::string& error);
  ~blocklist_store();
  blocklist_store(const blocklist_store&) = delete;
  blocklist_store& operator=(const blocklist_store&) = delete;

  /// The blocked JIDs of `owner`, sorted; nullopt on error.
  std::optional<std::vector<std::string>> get(std::string_view domain, std::string_view owner);
  /// Adds `jids` (already blocked ones are kept once), all or nothing.
  bool add(std::string_view domain, std::string_view owner, const std::vector<std::string>& jids);
  /// Removes `jids`, or every entry of `owner` when `jids` is empty; all or nothing.
  bool remove(std::string_view domain, std::string_view owner,
              const std::vector<std::string>& jids);

  /// What the last call failed on, or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit blocklist_store(sqlite::connection db);
  bool fail(std::string_view what);

  // Declared first so it is destroyed last (statements must be finalized before it closes).
  sqlite::connection db_;
  std::string last_error_;
  sqlite::sqlite_statement select_;
  sqlite::sqlite_statement insert_;
  sqlite::sqlite_statement delete_one_;
  sqlite::sqlite_statement delete_all_;
};

}  // namespace djabberd::plugins::blocklist_sqlite
