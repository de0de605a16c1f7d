// The SQLite roster store: every account's roster items with their subscription state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/roster/roster_item.hpp"
#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::roster_sqlite {

/// Rosters of every vhost in `<data_dir>/djabberd.sqlite` (tables roster_items and
/// roster_groups), keyed by (domain, owner bare JID, contact bare JID). Items are stored exactly as
/// given and read back in insertion order; replacing an item keeps its place. One store must be
/// used by one thread at a time. Methods never throw; failures carry SQLite's message in
/// last_error().
class roster_store {
 public:
  /// Opens (creating the directory, the file and the tables if missing) the store in `data_dir`.
  /// Returns nullptr and sets `error` on failure.
  static std::unique_ptr<roster_store> open(const std::filesystem::path& data_dir,
                                            std::string& error);

  ~roster_store();
  roster_store(const roster_store&) = delete;
  roster_store& operator=(const roster_store&) = delete;

  /// Every stored item of `owner` (hidden in_roster=false entries too), oldest first; nullopt on
  /// error.
  std::optional<roster::roster_items> get(std::string_view domain, std::string_view owner);

  /// Inserts `item`, or replaces the stored item with the same contact (keeping its position).
  bool set_item(std::string_view domain, std::string_view owner, const roster::roster_item& item);

  /// Deletes the item of `contact`; true also when there was none (the result is the same).
  bool remove(std::string_view domain, std::string_view owner, std::string_view contact);

  /// Deletes every item of `owner` (account removal).
  bool wipe(std::string_view domain, std::string_view owner);

  /// What the last call failed on, or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit roster_store(sqlite::connection db);
  bool prepare_statements();
  bool fail(std::string_view what);
  bool read_groups(std::string_view domain, std::string_view owner,
                   const std::vector<std::int64_t>& ids, roster::roster_items& items);

  // Declared first so it is destroyed last (statements must be finalized before it closes).
  sqlite::connection db_;
  std::string last_error_;
  sqlite::sqlite_statement upsert_item_;
  sqlite::sqlite_statement select_item_id_;
  sqlite::sqlite_statement delete_groups_;
  sqlite::sqlite_statement insert_group_;
  sqlite::sqlite_statement select_items_;
  sqlite::sqlite_statement select_groups_;
  sqlite::sqlite_statement delete_item_;
  sqlite::sqlite_statement delete_owner_;
};

}  // namespace djabberd::plugins::roster_sqlite
