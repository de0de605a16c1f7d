// The PostgreSQL roster store: every account's roster items with their subscription state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "actors/roster/roster_item.hpp"
#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::roster_pg {

/// Rosters of every vhost in the database of `conninfo` (tables roster_items, roster_groups),
/// with roster_sqlite's semantics: keyed by (domain, owner bare JID, contact bare JID), items
/// stored exactly as given and read back in insertion order, replacing an item keeps its place.
/// Connects lazily and again after a lost connection. One thread at a time; methods never throw,
/// failures carry PostgreSQL's message in last_error().
class pg_roster_store {
 public:
  explicit pg_roster_store(std::string conninfo);

  /// Every stored item of `owner` (hidden in_roster=false entries too), oldest first; nullopt on
  /// error.
  std::optional<roster::roster_items> get(std::string_view domain, std::string_view owner);

  /// Inserts `item`, or replaces the stored item with the same contact (keeping its position).
  bool set_item(std::string_view domain, std::string_view owner, const roster::roster_item& item);

  /// Deletes the item of `contact`; true also when there was none.
  bool remove(std::string_view domain, std::string_view owner, std::string_view contact);

  /// Deletes every item of `owner` (account removal).
  bool wipe(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::roster_pg
