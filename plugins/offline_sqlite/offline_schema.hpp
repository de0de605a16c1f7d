// The table of the SQLite offline message store.
#pragma once

#include <string_view>

namespace djabberd::plugins::offline_sqlite {

/// Creates offline_messages if missing (run by open_database in one transaction). AUTOINCREMENT:
/// an id is never reused, so removing the ids of a fetch can never hit a message stored later.
inline constexpr std::string_view offline_schema = R"sql(
CREATE TABLE IF NOT EXISTS offline_messages (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  domain    TEXT    NOT NULL,
  owner     TEXT    NOT NULL,
  stored_at INTEGER NOT NULL,
  stanza    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS offline_messages_by_owner ON offline_messages (domain, owner, id);
)sql";

}  // namespace djabberd::plugins::offline_sqlite
