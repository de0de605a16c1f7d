// roster_store: each roster operation as prepared statements over roster_items/roster_groups.
#include "plugins/roster_sqlite/roster_store.hpp"

#include <sqlite3.h>

#include "plugins/roster_sqlite/roster_schema.hpp"

namespace djabberd::plugins::roster_sqlite {

using sqlite::statement_use;

std::unique_ptr<roster_store> roster_store::open(const std::filesystem::path& data_dir,
                                                 std::string& error) {
  auto db = sqlite::open_database(data_dir, roster_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<roster_store> store(new roster_store(std::move(db)));
  if (!store->prepare_statements()) {
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

roster_store::roster_store(sqlite::connection db) : db_(std::move(db)) {}

roster_store::~roster_store() = default;

bool roster_store::prepare_statements() {
  struct entry {
    sqlite::sqlite_statement& stmt;
    std::string_view sql;
  };
  entry entries[] = {
      // An upsert, not INSERT OR REPLACE: the row keeps its id, so the item keeps its place.
      {upsert_item_,
       "INSERT INTO roster_items (domain, owner, contact, name, sub_to, sub_from, pending_out, "
       "pending_in, approved, in_roster) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
       "ON CONFLICT (domain, owner, contact) DO UPDATE SET name = excluded.name, "
       "sub_to = excluded.sub_to, sub_from = excluded.sub_from, "
       "pending_out = excluded.pending_out, pending_in = excluded.pending_in, "
       "approved = excluded.approved, in_roster = excluded.in_roster"},
      {select_item_id_,
       "SELECT id FROM roster_items WHERE domain = ?1 AND owner = ?2 AND contact = ?3"},
      {delete_groups_, "DELETE FROM roster_groups WHERE item_id = ?1"},
      {insert_group_, "INSERT INTO roster_groups (item_id, position, name) VALUES (?1, ?2, ?3)"},
      {select_items_,
       "SELECT id, contact, name, sub_to, sub_from, pending_out, pending_in, approved, in_roster "
       "FROM roster_items WHERE domain = ?1 AND owner = ?2 ORDER BY id"},
      {select_groups_,
       "SELECT g.item_id, g.name FROM roster_groups g JOIN roster_items i ON i.id = g.item_id "
       "WHERE i.domain = ?1 AND i.owner = ?2 ORDER BY g.item_id, g.position"},
      // roster_groups rows go with their item (ON DELETE CASCADE).
      {delete_item_, "DELETE FROM roster_items WHERE domain = ?1 AND owner = ?2 AND contact = ?3"},
      {delete_owner_, "DELETE FROM roster_items WHERE domain = ?1 AND owner = ?2"},
  };
  for (auto& e : entries) {
    e.stmt = sqlite::sqlite_statement(db_.get(), e.sql);
    if (!e.stmt.ok()) return fail("cannot prepare '" + std::string(e.sql) + "'");
  }
  return true;
}

bool roster_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::optional<roster::roster_items> roster_store::get(std::string_view domain,
                                                      std::string_view owner) {
  last_error_.clear();
  // Both SELECTs in one read transaction, so the groups belong to the items read.
  if (sqlite3_exec(db_.get(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail("cannot start a read transaction");
    return std::nullopt;
  }
  roster::roster_items items;
  std::vector<std::int64_t> ids;
  bool ok = true;
  {
    statement_use use(select_items_);
    select_items_.bind_text(1, domain);
    select_items_.bind_text(2, owner);
    int rc;
    while ((rc = select_items_.step()) == SQLITE_ROW) {
      ids.push_back(select_items_.column_int64(0));
      roster::roster_item item;
      item.contact = select_items_.column_text(1);
      item.name = select_items_.column_text(2);
      item.to = select_items_.column_int64(3) != 0;
      item.from = select_items_.column_int64(4) != 0;
      item.pending_out = select_items_.column_int64(5) != 0;
      item.pending_in = select_items_.column_int64(6) != 0;
      item.approved = select_items_.column_int64(7) != 0;
      item.in_roster = select_items_.column_int64(8) != 0;
      items.push_back(std::move(item));
    }
    if (rc != SQLITE_DONE) ok = fail("cannot read the roster");
  }
  if (ok) ok = read_groups(domain, owner, ids, items);
  sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
  if (!ok) return std::nullopt;
  return items;
}

// Attaches the groups to `items` (parallel to `ids`, both ordered by id) in one merge walk.
bool roster_store::read_groups(std::string_view domain, std::string_view owner,
                               const std::vector<std::int64_t>& ids, roster::roster_items& items) {
  statement_use use(select_groups_);
  select_groups_.bind_text(1, domain);
  select_groups_.bind_text(2, owner);
  std::size_t index = 0;
  int rc;
  while ((rc = select_groups_.step()) == SQLITE_ROW) {
    std::int64_t id = select_groups_.column_int64(0);
    while (index < ids.size() && ids[index] < id) ++index;
    if (index < ids.size() && ids[index] == id)
      items[index].groups.push_back(select_groups_.column_text(1));
  }
  if (rc != SQLITE_DONE) return fail("cannot read the roster groups");
  return true;
}

bool roster_store::set_item(std::string_view domain, std::string_view owner,
                            const roster::roster_item& item) {
  last_error_.clear();
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot start a transaction");
  {
    statement_use use(upsert_item_);
    upsert_item_.bind_text(1, domain);
    upsert_item_.bind_text(2, owner);
    upsert_item_.bind_text(3, item.contact);
    upsert_item_.bind_text(4, item.name);
    int column = 5;
    for (bool flag :
         {item.to, item.from, item.pending_out, item.pending_in, item.approved, item.in_roster})
      upsert_item_.bind_int64(column++, flag ? 1 : 0);
    if (upsert_item_.step() != SQLITE_DONE) return fail("cannot store the roster item");
  }
  std::int64_t id = 0;
  {
    statement_use use(select_item_id_);
    select_item_id_.bind_text(1, domain);
    select_item_id_.bind_text(2, owner);
    select_item_id_.bind_text(3, item.contact);
    if (select_item_id_.step() != SQLITE_ROW) return fail("cannot read back the roster item");
    id = select_item_id_.column_int64(0);
  }
  {
    statement_use use(delete_groups_);
    delete_groups_.bind_int64(1, id);
    if (delete_groups_.step() != SQLITE_DONE) return fail("cannot replace the roster groups");
  }
  std::int64_t position = 0;
  for (const auto& group : item.groups) {
    statement_use use(insert_group_);
    insert_group_.bind_int64(1, id);
    insert_group_.bind_int64(2, position++);
    insert_group_.bind_text(3, group);
    if (insert_group_.step() != SQLITE_DONE) return fail("cannot store a roster group");
  }
  if (!tx.commit()) return fail("cannot commit the roster item");
  return true;
}

bool roster_store::remove(std::string_view domain, std::string_view owner,
                          std::string_view contact) {
  last_error_.clear();
  statement_use use(delete_item_);
  delete_item_.bind_text(1, domain);
  delete_item_.bind_text(2, owner);
  delete_item_.bind_text(3, contact);
  if (delete_item_.step() != SQLITE_DONE) return fail("cannot remove the roster item");
  return true;
}

bool roster_store::wipe(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  statement_use use(delete_owner_);
  delete_owner_.bind_text(1, domain);
  delete_owner_.bind_text(2, owner);
  if (delete_owner_.step() != SQLITE_DONE) return fail("cannot wipe the roster");
  return true;
}

}  // namespace djabberd::plugins::roster_sqlite
