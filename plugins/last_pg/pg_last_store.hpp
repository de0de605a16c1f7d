// The PostgreSQL store of accounts' last logout (XEP-0012): time and status per account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::last_pg {

/// Creates the last_activity table if missing: the logout per (domain, owner bare JID).
inline constexpr std::string_view last_schema = R"sql(
CREATE TABLE IF NOT EXISTS last_activity (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  seconds BIGINT NOT NULL,
  status  TEXT NOT NULL,
  PRIMARY KEY (domain, owner)
);
)sql";

/// Last logouts of every vhost in the database of `conninfo`. Connects lazily and again after a
/// lost connection. One thread at a time; methods never throw, failures carry PostgreSQL's
/// message in last_error().
class pg_last_store {
 public:
  explicit pg_last_store(std::string conninfo);

  /// (logout unix seconds, status); nullopt when none is stored or on error (last_error()).
  std::optional<std::pair<std::int64_t, std::string>> get(std::string_view domain,
                                                          std::string_view owner);
  /// Inserts or replaces the logout of `owner`.
  bool set(std::string_view domain, std::string_view owner, std::int64_t seconds,
           std::string_view status);
  /// Forgets the logout of `owner` (a deleted account).
  bool remove(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::last_pg
