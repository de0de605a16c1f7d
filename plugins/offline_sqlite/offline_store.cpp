// offline_store: messages as XML text rows, the quota checked inside the inserting transaction.
#include "plugins/offline_sqlite/offline_store.hpp"

#include <ctime>

#include <sqlite3.h>

#include "plugins/offline_sqlite/offline_schema.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::offline_sqlite {

using sqlite::statement_use;

std::unique_ptr<offline_store> offline_store::open(const std::filesystem::path& data_dir,
                                                   std::string& error) {
  auto db = sqlite::open_database(data_dir, offline_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<offline_store> store(new offline_store(std::move(db)));
  if (!store->prepare_statements()) {
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

offline_store::offline_store(sqlite::connection db) : db_(std::move(db)) {}

offline_store::~offline_store() = default;

bool offline_store::prepare_statements() {
  struct entry {
    sqlite::sqlite_statement& stmt;
    std::string_view sql;
  };
  entry entries[] = {
      {count_, "SELECT COUNT(*) FROM offline_messages WHERE domain = ?1 AND owner = ?2"},
      {insert_,
       "INSERT INTO offline_messages (domain, owner, stored_at, stanza) VALUES (?1, ?2, ?3, ?4)"},
      {select_,
       "SELECT id, stanza FROM offline_messages WHERE domain = ?1 AND owner = ?2 ORDER BY id"},
      {delete_, "DELETE FROM offline_messages WHERE domain = ?1 AND owner = ?2 AND id = ?3"},
  };
  for (auto& e : entries) {
    e.stmt = sqlite::sqlite_statement(db_.get(), e.sql);
    if (!e.stmt.ok()) return fail("cannot prepare '" + std::string(e.sql) + "'");
  }
  return true;
}

bool offline_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::int64_t offline_store::count(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  statement_use use(count_);
  count_.bind_text(1, domain);
  count_.bind_text(2, owner);
  if (count_.step() != SQLITE_ROW) {
    fail("cannot count offline messages");
    return -1;
  }
  return count_.column_int64(0);
}

offline_store::store_result offline_store::store(std::string_view domain, std::string_view owner,
                                                 const xml::element& message,
                                                 std::int64_t max_messages) {
  std::string text = xml::to_string(message);
  last_error_.clear();
  // Count and insert under the write lock, so the quota holds against any other writer.
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) {
    fail("cannot start a transaction");
    return store_result::error;
  }
  std::int64_t stored = count(domain, owner);
  if (stored < 0) return store_result::error;
  if (stored >= max_messages) return store_result::quota_full;
  {
    statement_use use(insert_);
    insert_.bind_text(1, domain);
    insert_.bind_text(2, owner);
    insert_.bind_int64(3, static_cast<std::int64_t>(std::time(nullptr)));
    insert_.bind_text(4, text);
    if (insert_.step() != SQLITE_DONE) {
      fail("cannot store the offline message");
      return store_result::error;
    }
  }
  if (!tx.commit()) {
    fail("cannot commit the offline message");
    return store_result::error;
  }
  return store_result::stored;
}

std::optional<offline_store::fetched> offline_store::fetch(std::string_view domain,
                                                           std::string_view owner) {
  last_error_.clear();
  fetched result;
  statement_use use(select_);
  select_.bind_text(1, domain);
  select_.bind_text(2, owner);
  int rc;
  while ((rc = select_.step()) == SQLITE_ROW) {
    std::int64_t id = select_.column_int64(0);
    if (auto message = xml::parse_element(select_.column_text(1))) {
      result.messages.push_back(std::move(message));
      result.ids.push_back(id);
    } else {
      result.unreadable.push_back(id);
    }
  }
  if (rc != SQLITE_DONE) {
    fail("cannot read offline messages");
    return std::nullopt;
  }
  return result;
}

bool offline_store::remove(std::string_view domain, std::string_view owner,
                           const std::vector<std::int64_t>& ids) {
  last_error_.clear();
  if (ids.empty()) return true;
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot start a transaction");
  for (std::int64_t id : ids) {
    statement_use use(delete_);
    delete_.bind_text(1, domain);
    delete_.bind_text(2, owner);
    delete_.bind_int64(3, id);
    if (delete_.step() != SQLITE_DONE) return fail("cannot remove offline messages");
  }
  if (!tx.commit()) return fail("cannot commit the removal");
  return true;
}

bool offline_store::forget(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  return sqlite::forget_owner(db_.get(), "offline_messages", domain, owner, last_error_);
}

}  // namespace djabberd::plugins::offline_sqlite
