// The PostgreSQL private XML store (XEP-0049): one element per account and "{namespace}name" key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::private_pg {

/// Creates the private_storage table if missing: the element's XML text per (domain, owner bare
/// JID, key "{namespace}name").
inline constexpr std::string_view private_schema = R"sql(
CREATE TABLE IF NOT EXISTS private_storage (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  key     TEXT NOT NULL,
  element TEXT NOT NULL,
  PRIMARY KEY (domain, owner, key)
);
)sql";

/// Private XML of every vhost in the database of `conninfo`. Connects lazily and again after a
/// lost connection. One thread at a time; methods never throw, failures carry PostgreSQL's
/// message in last_error().
class pg_private_store {
 public:
  explicit pg_private_store(std::string conninfo);

  /// The stored XML under `key`; nullopt when there is none or on error (last_error() tells).
  std::optional<std::string> get(std::string_view domain, std::string_view owner,
                                 std::string_view key);
  /// Inserts or replaces the XML under `key`.
  bool set(std::string_view domain, std::string_view owner, std::string_view key,
           std::string_view xml);

  /// Forgets everything stored for `owner` (a deleted account).
  bool forget(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::private_pg
