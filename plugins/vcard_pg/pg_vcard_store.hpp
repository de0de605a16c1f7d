// The PostgreSQL vCard store: one serialized vCard per account.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::vcard_pg {

/// Creates the vcards table if missing: the vCard's XML text per (domain, owner bare JID).
inline constexpr std::string_view vcard_schema = R"sql(
CREATE TABLE IF NOT EXISTS vcards (
  domain TEXT NOT NULL,
  owner  TEXT NOT NULL,
  vcard  TEXT NOT NULL,
  PRIMARY KEY (domain, owner)
);
)sql";

/// vCards of every vhost in the database of `conninfo`. Connects lazily and again after a lost
/// connection. One thread at a time; methods never throw, failures carry PostgreSQL's message in
/// last_error().
class pg_vcard_store {
 public:
  explicit pg_vcard_store(std::string conninfo);

  /// The stored XML of `owner`; nullopt when there is none or on error (last_error() tells).
  std::optional<std::string> get(std::string_view domain, std::string_view owner);
  /// Inserts or replaces the vCard of `owner`.
  bool set(std::string_view domain, std::string_view owner, std::string_view xml);

  /// Forgets everything stored for `owner` (a deleted account).
  bool forget(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::vcard_pg
