// pep_store: prepared statements; every write is one transaction.
#include "plugins/pep_sqlite/pep_store.hpp"

#include <sqlite3.h>

#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::pep_sqlite {

using sqlite::statement_use;

std::unique_ptr<pep_store> pep_store::open(const std::filesystem::path& data_dir,
                                           std::string& error) {
  auto db = sqlite::open_database(data_dir, pep_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<pep_store> store(new pep_store(std::move(db)));
  if (!store->prepare()) {
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

pep_store::pep_store(sqlite::connection db) : db_(std::move(db)) {}

pep_store::~pep_store() = default;

bool pep_store::prepare() {
  auto* db = db_.get();
  select_nodes_ =
      sqlite::sqlite_statement(db,
                               "SELECT node, persist_items, access_model, max_items FROM pep_nodes "
                               "WHERE domain = ?1 AND owner = ?2 ORDER BY node");
  select_items_ = sqlite::sqlite_statement(
      db,
      "SELECT item_id, payload FROM pep_items WHERE domain = ?1 AND owner = ?2 AND node = ?3 "
      "ORDER BY seq");
  upsert_node_ = sqlite::sqlite_statement(
      db,
      "INSERT INTO pep_nodes (domain, owner, node, persist_items, access_model, max_items) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (domain, owner, node) DO UPDATE SET "
      "persist_items = excluded.persist_items, access_model = excluded.access_model, "
      "max_items = excluded.max_items");
  delete_item_ = sqlite::sqlite_statement(
      db, "DELETE FROM pep_items WHERE domain = ?1 AND owner = ?2 AND node = ?3 AND item_id = ?4");
  insert_item_ = sqlite::sqlite_statement(
      db,
      "INSERT INTO pep_items (domain, owner, node, item_id, seq, payload) VALUES (?1, ?2, ?3, "
      "?4, (SELECT COALESCE(MAX(seq), 0) + 1 FROM pep_items WHERE domain = ?1 AND owner = ?2 "
      "AND node = ?3), ?5)");
  trim_items_ = sqlite::sqlite_statement(
      db,
      "DELETE FROM pep_items WHERE domain = ?1 AND owner = ?2 AND node = ?3 AND seq NOT IN "
      "(SELECT seq FROM pep_items WHERE domain = ?1 AND owner = ?2 AND node = ?3 "
      "ORDER BY seq DESC LIMIT ?4)");
  delete_items_ = sqlite::sqlite_statement(
      db, "DELETE FROM pep_items WHERE domain = ?1 AND owner = ?2 AND node = ?3");
  delete_node_ = sqlite::sqlite_statement(
      db, "DELETE FROM pep_nodes WHERE domain = ?1 AND owner = ?2 AND node = ?3");
  for (auto* s : {&select_nodes_, &select_items_, &upsert_node_, &delete_item_, &insert_item_,
                  &trim_items_, &delete_items_, &delete_node_})
    if (!s->ok()) return fail("cannot prepare the pep statements");
  return true;
}

bool pep_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

namespace {

void bind_key(sqlite::sqlite_statement& s, std::string_view domain, std::string_view owner,
              std::string_view node) {
  s.bind_text(1, domain);
  s.bind_text(2, owner);
  s.bind_text(3, node);
}

}  // namespace

std::optional<pep::node_list> pep_store::nodes(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  pep::node_list result;
  {
    statement_use use(select_nodes_);
    select_nodes_.bind_text(1, domain);
    select_nodes_.bind_text(2, owner);
    int rc;
    while ((rc = select_nodes_.step()) == SQLITE_ROW) {
      pep::node n;
      n.name = select_nodes_.column_text(0);
      n.config.persist_items = select_nodes_.column_int64(1) != 0;
      n.config.access = pep::parse_access_model(select_nodes_.column_text(2))
                            .value_or(pep::access_model::presence);
      n.config.max_items = static_cast<std::size_t>(select_nodes_.column_int64(3));
      result.push_back(std::move(n));
    }
    if (rc != SQLITE_DONE) {
      fail("cannot read the PEP nodes");
      return std::nullopt;
    }
  }
  for (auto& n : result) {
    statement_use use(select_items_);
    bind_key(select_items_, domain, owner, n.name);
    int rc;
    while ((rc = select_items_.step()) == SQLITE_ROW) {
      std::string error;
      auto payload = xml::parse_element(select_items_.column_text(1), &error);
      if (!payload) {
        last_error_ = "the stored item " + select_items_.column_text(0) + " of " + n.name +
                      " is unreadable: " + error;
        return std::nullopt;
      }
      n.items.push_back(pep::item{select_items_.column_text(0), payload});
    }
    if (rc != SQLITE_DONE) {
      fail("cannot read the PEP items");
      return std::nullopt;
    }
  }
  return result;
}

bool pep_store::write_node(std::string_view domain, std::string_view owner, std::string_view node,
                           const pep::node_config& config) {
  statement_use use(upsert_node_);
  bind_key(upsert_node_, domain, owner, node);
  upsert_node_.bind_int64(4, config.persist_items ? 1 : 0);
  upsert_node_.bind_text(5, pep::access_model_name(config.access));
  upsert_node_.bind_int64(6, static_cast<std::int64_t>(config.max_items));
  if (upsert_node_.step() != SQLITE_DONE) return fail("cannot store the PEP node");
  return trim(domain, owner, node,
              config.persist_items ? static_cast<std::int64_t>(config.max_items) : 0);
}

bool pep_store::trim(std::string_view domain, std::string_view owner, std::string_view node,
                     std::int64_t keep) {
  statement_use use(trim_items_);
  bind_key(trim_items_, domain, owner, node);
  trim_items_.bind_int64(4, keep);
  if (trim_items_.step() != SQLITE_DONE) return fail("cannot trim the PEP items");
  return true;
}

bool pep_store::set_node(std::string_view domain, std::string_view owner, std::string_view node,
                         const pep::node_config& config) {
  last_error_.clear();
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot begin a transaction");
  if (!write_node(domain, owner, node, config)) return false;
  return tx.commit() || fail("cannot commit the PEP node");
}

bool pep_store::publish(std::string_view domain, std::string_view owner, std::string_view node,
                        const pep::node_config& config, const pep::item& item) {
  last_error_.clear();
  if (!item.payload) {
    last_error_ = "an item without payload";
    return false;
  }
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot begin a transaction");
  if (!write_node(domain, owner, node, config)) return false;
  {
    statement_use use(delete_item_);
    bind_key(delete_item_, domain, owner, node);
    delete_item_.bind_text(4, item.id);
    if (delete_item_.step() != SQLITE_DONE) return fail("cannot replace the PEP item");
  }
  {
    statement_use use(insert_item_);
    bind_key(insert_item_, domain, owner, node);
    insert_item_.bind_text(4, item.id);
    insert_item_.bind_text(5, xml::to_string(*item.payload));
    if (insert_item_.step() != SQLITE_DONE) return fail("cannot store the PEP item");
  }
  if (!trim(domain, owner, node, static_cast<std::int64_t>(config.max_items))) return false;
  return tx.commit() || fail("cannot commit the PEP item");
}

bool pep_store::retract(std::string_view domain, std::string_view owner, std::string_view node,
                        std::string_view item_id) {
  last_error_.clear();
  statement_use use(delete_item_);
  bind_key(delete_item_, domain, owner, node);
  delete_item_.bind_text(4, item_id);
  if (delete_item_.step() != SQLITE_DONE) return fail("cannot retract the PEP item");
  return true;
}

bool pep_store::delete_node(std::string_view domain, std::string_view owner,
                            std::string_view node) {
  last_error_.clear();
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot begin a transaction");
  for (auto* s : {&delete_items_, &delete_node_}) {
    statement_use use(*s);
    bind_key(*s, domain, owner, node);
    if (s->step() != SQLITE_DONE) return fail("cannot delete the PEP node");
  }
  return tx.commit() || fail("cannot commit the node deletion");
}

bool pep_store::remove_owner(std::string_view domain, std::string_view owner) {
  auto all = nodes(domain, owner);
  if (!all) return false;
  for (const auto& n : *all)
    if (!delete_node(domain, owner, n.name)) return false;
  return true;
}

}  // namespace djabberd::plugins::pep_sqlite
