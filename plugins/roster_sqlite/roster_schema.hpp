// The tables of the SQLite roster store.
#pragma once

#include <string_view>

namespace djabberd::plugins::roster_sqlite {

/// Creates roster_items and roster_groups if missing (run by open_database in one transaction).
/// `id` gives insertion order (an upsert keeps it); groups keep the client's order by position.
inline constexpr std::string_view roster_schema = R"sql(
CREATE TABLE IF NOT EXISTS roster_items (
  id          INTEGER PRIMARY KEY,
  domain      TEXT    NOT NULL,
  owner       TEXT    NOT NULL,
  contact     TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  sub_to      INTEGER NOT NULL CHECK (sub_to IN (0, 1)),
  sub_from    INTEGER NOT NULL CHECK (sub_from IN (0, 1)),
  pending_out INTEGER NOT NULL CHECK (pending_out IN (0, 1)),
  pending_in  INTEGER NOT NULL CHECK (pending_in IN (0, 1)),
  approved    INTEGER NOT NULL CHECK (approved IN (0, 1)),
  in_roster   INTEGER NOT NULL CHECK (in_roster IN (0, 1)),
  UNIQUE (domain, owner, contact)
);
CREATE TABLE IF NOT EXISTS roster_groups (
  item_id  INTEGER NOT NULL REFERENCES roster_items (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  PRIMARY KEY (item_id, position)
) WITHOUT ROWID;
)sql";

}  // namespace djabberd::plugins::roster_sqlite
