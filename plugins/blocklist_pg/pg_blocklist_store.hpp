// The PostgreSQL block list store (XEP-0191): one row per blocked JID of an account.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::blocklist_pg {

/// Creates the blocklist table if missing: the blocked JIDs per (domain, owner bare JID).
inline constexpr std::string_view blocklist_schema = R"sql(
CREATE TABLE IF NOT EXISTS blocklist (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  blocked TEXT NOT NULL,
  PRIMARY KEY (domain, owner, blocked)
);
)sql";

/// Block lists of every vhost in the database of `conninfo`. Connects lazily and again after a
/// lost connection. One thread at a time; methods never throw, failures carry PostgreSQL's
/// message in last_error().
class pg_blocklist_store {
 public:
  explicit pg_blocklist_store(std::string conninfo);

  /// The blocked JIDs of `owner`, sorted bytewise (as blocklist_sqlite); nullopt on error.
  std::optional<std::vector<std::string>> get(std::string_view domain, std::string_view owner);
  /// Adds `jids` (already blocked ones are kept once), all or nothing.
  bool add(std::string_view domain, std::string_view owner, const std::vector<std::string>& jids);
  /// Removes `jids`, or every entry of `owner` when `jids` is empty; all or nothing.
  bool remove(std::string_view domain, std::string_view owner,
              const std::vector<std::string>& jids);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  /// Runs `sql` ($1 domain, $2 owner, $3 one JID) for each of `jids` in one transaction.
  bool for_each_jid(std::string_view sql, std::string_view domain, std::string_view owner,
                    const std::vector<std::string>& jids, std::string_view what);

  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::blocklist_pg
