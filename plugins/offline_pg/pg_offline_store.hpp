// The PostgreSQL offline message store (XEP-0160): messages kept for accounts without a session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/postgres/pg_connection.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::offline_pg {

/// Offline messages of every vhost in the database of `conninfo` (table offline_messages),
/// serialized as XML text, with offline_sqlite's semantics. Connects lazily and again after a
/// lost connection. One thread at a time; methods never throw, failures carry PostgreSQL's
/// message in last_error().
class pg_offline_store {
 public:
  enum class store_result { stored, quota_full, error };

  /// What fetch() read: messages and their ids (parallel, oldest first), and the ids of rows whose
  /// text no longer parses (they can never be delivered).
  struct fetched {
    xml::element_list messages;
    std::vector<std::int64_t> ids;
    std::vector<std::int64_t> unreadable;
  };

  explicit pg_offline_store(std::string conninfo);

  /// Appends `message` for `owner` unless `owner` already has `max_messages` stored. The count
  /// and the insert hold a per-account lock, so the quota holds against every other connection
  /// (every server of a cluster).
  store_result store(std::string_view domain, std::string_view owner, const xml::element& message,
                     std::int64_t max_messages);

  /// Every message stored for `owner`, oldest first; nullopt on error.
  std::optional<fetched> fetch(std::string_view domain, std::string_view owner);

  /// Deletes the messages of `owner` with these ids (unknown ids are ignored), in one statement.
  bool remove(std::string_view domain, std::string_view owner,
              const std::vector<std::int64_t>& ids);

  /// Deletes every message of `owner` (a deleted account).
  bool forget(std::string_view domain, std::string_view owner);

  /// How many messages `owner` has stored; -1 on error.
  std::int64_t count(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::offline_pg
