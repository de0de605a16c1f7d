// The SQLite PEP store: nodes with their configuration, and their items in publish order.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/pep/pep_node.hpp"
#include "plugins/sqlite/sqlite_database.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

namespace djabberd::plugins::pep_sqlite {

/// Creates the tables if missing. Items are ordered by `seq` (higher = newer) within a node.
inline constexpr std::string_view pep_schema = R"sql(
CREATE TABLE IF NOT EXISTS pep_nodes (
  domain        TEXT NOT NULL,
  owner         TEXT NOT NULL,
  node          TEXT NOT NULL,
  persist_items INTEGER NOT NULL,
  access_model  TEXT NOT NULL,
  max_items     INTEGER NOT NULL,
  PRIMARY KEY (domain, owner, node)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pep_items (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  node    TEXT NOT NULL,
  item_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (domain, owner, node, item_id)
) WITHOUT ROWID;
)sql";

/// PEP nodes of every vhost in `<data_dir>/djabberd.sqlite`. One thread at a time; methods never
/// throw, failures carry SQLite's message in last_error().
class pep_store {
 public:
  static std::unique_ptr<pep_store> open(const std::filesystem::path& data_dir, std::string& error);
  ~pep_store();
  pep_store(const pep_store&) = delete;
  pep_store& operator=(const pep_store&) = delete;

  /// Every node of `owner` with its items (oldest first); nullopt on error (also for an item
  /// whose stored XML cannot be read back: a broken store is not an empty one).
  std::optional<pep::node_list> nodes(std::string_view domain, std::string_view owner);
  /// Creates or reconfigures a node; drops items beyond max_items (all if !persist_items).
  bool set_node(std::string_view domain, std::string_view owner, std::string_view node,
                const pep::node_config& config);
  /// set_node, then the item as the newest (replacing one with its id), then the limit again.
  bool publish(std::string_view domain, std::string_view owner, std::string_view node,
               const pep::node_config& config, const pep::item& item);
  bool retract(std::string_view domain, std::string_view owner, std::string_view node,
               std::string_view item_id);
  bool delete_node(std::string_view domain, std::string_view owner, std::string_view node);
  /// Deletes every node of `owner` with its items (a deleted account).
  bool remove_owner(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return last_error_; }

 private:
  explicit pep_store(sqlite::connection db);
  bool fail(std::string_view what);
  bool prepare();
  bool write_node(std::string_view domain, std::string_view owner, std::string_view node,
                  const pep::node_config& config);
  bool trim(std::string_view domain, std::string_view owner, std::string_view node,
            std::int64_t keep);

  sqlite::connection db_;  // first: destroyed after the statements
  std::string last_error_;
  sqlite::sqlite_statement select_nodes_;
  sqlite::sqlite_statement select_items_;
  sqlite::sqlite_statement upsert_node_;
  sqlite::sqlite_statement delete_item_;
  sqlite::sqlite_statement insert_item_;
  sqlite::sqlite_statement trim_items_;
  sqlite::sqlite_statement delete_items_;
  sqlite::sqlite_statement delete_node_;
};

}  // namespace djabberd::plugins::pep_sqlite
