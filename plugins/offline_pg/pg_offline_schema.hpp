// The table of the PostgreSQL offline message store (the same columns as offline_sqlite's).
#pragma once

#include <string_view>

namespace djabberd::plugins::offline_pg {

/// An identity column: an id is never reused, so removing the ids of a fetch can never hit a
/// message stored later.
inline constexpr std::string_view offline_schema = R"sql(
CREATE TABLE IF NOT EXISTS offline_messages (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain    TEXT   NOT NULL,
  owner     TEXT   NOT NULL,
  stored_at BIGINT NOT NULL,
  stanza    TEXT   NOT NULL
);
CREATE INDEX IF NOT EXISTS offline_messages_by_owner ON offline_messages (domain, owner, id);
)sql";

}  // namespace djabberd::plugins::offline_pg
