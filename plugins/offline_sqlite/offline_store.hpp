// The SQLite offline message store (XEP-0160): messages kept for accounts without a session.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::offline_sqlite {

/// Offline messages of every vhost in `<data_dir>/djabberd.sqlite` (table offline_messages),
/// serialized as XML text, each with an id that grows with every message and is never reused.
/// One store must be used by one thread at a time. Methods never throw; failures carry SQLite's
/// message in last_error().
class offline_store {
 public:
  enum class store_result { stored, quota_full, error };

  /// What fetch() read: messages and their ids (parallel, oldest first), and the ids of rows whose
  /// text no longer parses (they can never be delivered).
  struct fetched {
    xml::element_list messages;
    std::vector<std::int64_t> ids;
    std::vector<std::int64_t> unreadable;
  };

  /// Opens (creating the directory, the file and the table if missing) the store in `data_dir`.
  /// Returns nullptr and sets `error` on failure.
  static std::unique_ptr<offline_store> open(const std::filesystem::path& data_dir,
                                             std::string& error);

  ~offline_store();
  offline_store(const offline_store&) = delete;
  offline_store& operator=(const offline_store&) = delete;

  /// Appends `message` for `owner` unless `owner` already has `max_messages` stored.
  store_result store(std::string_view domain, std::string_view owner, const xml::element& message,
                     std::int64_t max_messages);

  /// Every message stored for `owner`, oldest first; nullopt on error.
  std::optional<fetched> fetch(std::string_view domain, std::string_view owner);

  /// Deletes the messages of `owner` with these ids (unknown ids are ignored), in one transaction.
  bool remove(std::string_view domain, std::string_view owner,
              const std::vector<std::int64_t>& ids);

  /// How many messages `owner` has stored; -1 on error.
  std::int64_t count(std::string_view domain, std::string_view owner);

  /// Deletes everything stored for `owner` (a removed account, account.deleted).
  bool forget(std::string_view domain, std::string_view owner);

  /// What the last call failed on, or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit offline_store(sqlite::connection db);
  bool prepare_statements();
  bool fail(std::string_view what);

  // Declared first so it is destroyed last (statements must be finalized before it closes).
  sqlite::connection db_;
  std::string last_error_;
  sqlite::sqlite_statement count_;
  sqlite::sqlite_statement insert_;
  sqlite::sqlite_statement select_;
  sqlite::sqlite_statement delete_;
};

}  // namespace djabberd::plugins::offline_sqlite
