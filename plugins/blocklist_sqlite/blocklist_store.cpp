// blocklist_store: prepared statements; changes of several JIDs run in one write transaction.
#include "plugins/blocklist_sqlite/blocklist_store.hpp"

#include <sqlite3.h>

namespace djabberd::plugins::blocklist_sqlite {

using sqlite::statement_use;

std::unique_ptr<blocklist_store> blocklist_store::open(const std::filesystem::path& data_dir,
                                                       std::string& error) {
  auto db = sqlite::open_database(data_dir, blocklist_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<blocklist_store> store(new blocklist_store(std::move(db)));
  auto* handle = store->db_.get();
  store->select_ = sqlite::sqlite_statement(
      handle, "SELECT blocked FROM blocklist WHERE domain = ?1 AND owner = ?2 ORDER BY blocked");
  store->insert_ = sqlite::sqlite_statement(
      handle, "INSERT OR IGNORE INTO blocklist (domain, owner, blocked) VALUES (?1, ?2, ?3)");
  store->delete_one_ = sqlite::sqlite_statement(
      handle, "DELETE FROM blocklist WHERE domain = ?1 AND owner = ?2 AND blocked = ?3");
  store->delete_all_ =
      sqlite::sqlite_statement(handle, "DELETE FROM blocklist WHERE domain = ?1 AND owner = ?2");
  if (!store->select_.ok() || !store->insert_.ok() || !store->delete_one_.ok() ||
      !store->delete_all_.ok()) {
    store->fail("cannot prepare the blocklist statements");
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

blocklist_store::blocklist_store(sqlite::connection db) : db_(std::move(db)) {}

blocklist_store::~blocklist_store() = default;

bool blocklist_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::optional<std::vector<std::string>> blocklist_store::get(std::string_view domain,
                                                             std::string_view owner) {
  last_error_.clear();
  statement_use use(select_);
  select_.bind_text(1, domain);
  select_.bind_text(2, owner);
  std::vector<std::string> result;
  int rc;
  while ((rc = select_.step()) == SQLITE_ROW) result.push_back(select_.column_text(0));
  if (rc != SQLITE_DONE) {
    fail("cannot read the block list");
    return std::nullopt;
  }
  return result;
}

bool blocklist_store::add(std::string_view domain, std::string_view owner,
                          const std::vector<std::string>& jids) {
  last_error_.clear();
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot begin a transaction");
  for (const auto& j : jids) {
    statement_use use(insert_);
    insert_.bind_text(1, domain);
    insert_.bind_text(2, owner);
    insert_.bind_text(3, j);
    if (insert_.step() != SQLITE_DONE) return fail("cannot store the block list");
  }
  if (!tx.commit()) return fail("cannot commit the block list");
  return true;
}

bool blocklist_store::remove(std::string_view domain, std::string_view owner,
                             const std::vector<std::string>& jids) {
  last_error_.clear();
  if (jids.empty()) {
    statement_use use(delete_all_);
    delete_all_.bind_text(1, domain);
    delete_all_.bind_text(2, owner);
    if (delete_all_.step() != SQLITE_DONE) return fail("cannot clear the block list");
    return true;
  }
  sqlite::write_transaction tx(db_.get());
  if (!tx.ok()) return fail("cannot begin a transaction");
  for (const auto& j : jids) {
    statement_use use(delete_one_);
    delete_one_.bind_text(1, domain);
    delete_one_.bind_text(2, owner);
    delete_one_.bind_text(3, j);
    if (delete_one_.step() != SQLITE_DONE) return fail("cannot change the block list");
  }
  if (!tx.commit()) return fail("cannot commit the block list");
  return true;
}

}  // namespace djabberd::plugins::blocklist_sqlite
