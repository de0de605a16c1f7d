// pg_pep_store: one joined SELECT for reading; every write is one transaction.
#include "plugins/pep_pg/pg_pep_store.hpp"

#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::pep_pg {

using postgres::integer;
using postgres::pg_transaction;
using postgres::query_param;
using postgres::text;

namespace {

std::vector<query_param> key(std::string_view domain, std::string_view owner,
                             std::string_view node) {
  return {text(domain), text(owner), text(node)};
}

}  // namespace

pg_pep_store::pg_pep_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<pep::node_list> pg_pep_store::nodes(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  // One statement, so nodes and items come from one snapshot. A node without items has one row
  // with NULL item columns. COLLATE "C": byte order, as pep_sqlite.
  auto rows = conn_.exec_idempotent(
      "SELECT n.node, n.persist_items, n.access_model, n.max_items, i.item_id, i.payload "
      "FROM pep_nodes n LEFT JOIN pep_items i "
      "ON i.domain = n.domain AND i.owner = n.owner AND i.node = n.node "
      "WHERE n.domain = $1 AND n.owner = $2 ORDER BY n.node COLLATE \"C\", i.seq",
      {text(domain), text(owner)}, "cannot read the PEP nodes");
  if (!rows.ok()) return std::nullopt;
  pep::node_list result;
  for (int r = 0; r < rows.rows(); ++r) {
    auto name = rows.text(r, 0);
    if (result.empty() || result.back().name != name) {
      pep::node n;
      n.name = std::move(name);
      n.config.persist_items = rows.text(r, 1) == "t";
      n.config.access =
          pep::parse_access_model(rows.text(r, 2)).value_or(pep::access_model::presence);
      n.config.max_items = static_cast<std::size_t>(rows.integer(r, 3));
      result.push_back(std::move(n));
    }
    if (rows.is_null(r, 4)) continue;
    auto& n = result.back();
    std::string error;
    auto payload = xml::parse_element(rows.text(r, 5), &error);
    if (!payload) {
      conn_.set_error("the stored item " + rows.text(r, 4) + " of " + n.name +
                      " is unreadable: " + error);
      return std::nullopt;
    }
    n.items.push_back(pep::item{rows.text(r, 4), payload});
  }
  return result;
}

bool pg_pep_store::write_node(std::string_view domain, std::string_view owner,
                              std::string_view node, const pep::node_config& config) {
  auto params = key(domain, owner, node);
  params.push_back(text(config.persist_items ? "true" : "false"));
  params.push_back(text(pep::access_model_name(config.access)));
  params.push_back(integer(static_cast<std::int64_t>(config.max_items)));
  if (!conn_
           .exec("INSERT INTO pep_nodes (domain, owner, node, persist_items, access_model, "
                 "max_items) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (domain, owner, node) "
                 "DO UPDATE SET persist_items = excluded.persist_items, "
                 "access_model = excluded.access_model, max_items = excluded.max_items",
                 params, "cannot store the PEP node")
           .ok())
    return false;
  return trim(domain, owner, node,
              config.persist_items ? static_cast<std::int64_t>(config.max_items) : 0);
}

bool pg_pep_store::trim(std::string_view domain, std::string_view owner, std::string_view node,
                        std::int64_t keep) {
  auto params = key(domain, owner, node);
  params.push_back(integer(keep));
  return conn_
      .exec(
          "DELETE FROM pep_items WHERE domain = $1 AND owner = $2 AND node = $3 AND seq NOT IN "
          "(SELECT seq FROM pep_items WHERE domain = $1 AND owner = $2 AND node = $3 "
          "ORDER BY seq DESC LIMIT $4)",
          params, "cannot trim the PEP items")
      .ok();
}

bool pg_pep_store::set_node(std::string_view domain, std::string_view owner, std::string_view node,
                            const pep::node_config& config) {
  conn_.clear_error();
  pg_transaction tx(conn_);
  return tx.ok() && write_node(domain, owner, node, config) && tx.commit();
}

bool pg_pep_store::publish(std::string_view domain, std::string_view owner, std::string_view node,
                           const pep::node_config& config, const pep::item& item) {
  conn_.clear_error();
  if (!item.payload) {
    conn_.set_error("an item without payload");
    return false;
  }
  pg_transaction tx(conn_);
  if (!tx.ok() || !write_node(domain, owner, node, config)) return false;
  auto params = key(domain, owner, node);
  params.push_back(text(item.id));
  if (!conn_
           .exec("DELETE FROM pep_items WHERE domain = $1 AND owner = $2 AND node = $3 "
                 "AND item_id = $4",
                 params, "cannot replace the PEP item")
           .ok())
    return false;
  params.push_back(text(xml::to_string(*item.payload)));
  if (!conn_
           .exec("INSERT INTO pep_items (domain, owner, node, item_id, seq, payload) VALUES ($1, "
                 "$2, $3, $4, (SELECT COALESCE(MAX(seq), 0) + 1 FROM pep_items WHERE domain = $1 "
                 "AND owner = $2 AND node = $3), $5)",
                 params, "cannot store the PEP item")
           .ok())
    return false;
  return trim(domain, owner, node, static_cast<std::int64_t>(config.max_items)) && tx.commit();
}

bool pg_pep_store::retract(std::string_view domain, std::string_view owner, std::string_view node,
                           std::string_view item_id) {
  conn_.clear_error();
  auto params = key(domain, owner, node);
  params.push_back(text(item_id));
  return conn_
      .exec_idempotent(
          "DELETE FROM pep_items WHERE domain = $1 AND owner = $2 AND node = $3 "
          "AND item_id = $4",
          params, "cannot retract the PEP item")
      .ok();
}

bool pg_pep_store::delete_node(std::string_view domain, std::string_view owner,
                               std::string_view node) {
  conn_.clear_error();
  pg_transaction tx(conn_);
  return tx.ok() &&
         conn_
             .exec("DELETE FROM pep_items WHERE domain = $1 AND owner = $2 AND node = $3",
                   key(domain, owner, node), "cannot delete the PEP items")
             .ok() &&
         conn_
             .exec("DELETE FROM pep_nodes WHERE domain = $1 AND owner = $2 AND node = $3",
                   key(domain, owner, node), "cannot delete the PEP node")
             .ok() &&
         tx.commit();
}

bool pg_pep_store::remove_owner(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  pg_transaction tx(conn_);
  return tx.ok() &&
         conn_
             .exec("DELETE FROM pep_items WHERE domain = $1 AND owner = $2",
                   {text(domain), text(owner)}, "cannot delete the PEP items")
             .ok() &&
         conn_
             .exec("DELETE FROM pep_nodes WHERE domain = $1 AND owner = $2",
                   {text(domain), text(owner)}, "cannot delete the PEP nodes")
             .ok() &&
         tx.commit();
}

}  // namespace djabberd::plugins::pep_pg
