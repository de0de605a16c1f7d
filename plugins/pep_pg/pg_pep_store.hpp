// The PostgreSQL PEP store: nodes with their configuration, and their items in publish order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "actors/pep/pep_node.hpp"
#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::pep_pg {

/// Creates the tables if missing, keyed by (domain, owner bare JID, node). Items are ordered by
/// `seq` (higher = newer) within a node, as in pep_sqlite.
inline constexpr std::string_view pep_schema = R"sql(
CREATE TABLE IF NOT EXISTS pep_nodes (
  domain        TEXT NOT NULL,
  owner         TEXT NOT NULL,
  node          TEXT NOT NULL,
  persist_items BOOLEAN NOT NULL,
  access_model  TEXT NOT NULL,
  max_items     BIGINT NOT NULL,
  PRIMARY KEY (domain, owner, node)
);
CREATE TABLE IF NOT EXISTS pep_items (
  domain  TEXT NOT NULL,
  owner   TEXT NOT NULL,
  node    TEXT NOT NULL,
  item_id TEXT NOT NULL,
  seq     BIGINT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (domain, owner, node, item_id)
);
)sql";

/// PEP nodes of every vhost in the database of `conninfo`. Connects lazily and again after a
/// lost connection. One thread at a time; methods never throw, failures carry PostgreSQL's
/// message in last_error().
class pg_pep_store {
 public:
  explicit pg_pep_store(std::string conninfo);

  /// Every node of `owner` (by name, bytewise) with its items (oldest first); nullopt on error
  /// (also for an item whose stored XML cannot be read back: a broken store is not an empty one).
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
  /// Every node and item of `owner` (a deleted account).
  bool remove_owner(std::string_view domain, std::string_view owner);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  // Inside a transaction: the upsert locks the node's row, so concurrent writers of one node
  // (other servers of a cluster) take their turns and item sequence numbers never collide.
  bool write_node(std::string_view domain, std::string_view owner, std::string_view node,
                  const pep::node_config& config);
  bool trim(std::string_view domain, std::string_view owner, std::string_view node,
            std::int64_t keep);

  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::pep_pg
