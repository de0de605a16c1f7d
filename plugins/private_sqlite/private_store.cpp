// private_store: one prepared SELECT and one upsert.
#include "plugins/private_sqlite/private_store.hpp"

#include <sqlite3.h>

namespace djabberd::plugins::private_sqlite {

using sqlite::statement_use;

std::unique_ptr<private_store> private_store::open(const std::filesystem::path& data_dir,
                                                   std::string& error) {
  auto db = sqlite::open_database(data_dir, private_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<private_store> store(new private_store(std::move(db)));
  store->select_ = sqlite::sqlite_statement(
      store->db_.get(),
      "SELECT element FROM private_storage WHERE domain = ?1 AND owner = ?2 AND key = ?3");
  store->upsert_ = sqlite::sqlite_statement(
      store->db_.get(),
      "INSERT INTO private_storage (domain, owner, key, element) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (domain, owner, key) DO UPDATE SET element = excluded.element");
  if (!store->select_.ok() || !store->upsert_.ok()) {
    store->fail("cannot prepare the private_storage statements");
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

private_store::private_store(sqlite::connection db) : db_(std::move(db)) {}

private_store::~private_store() = default;

bool private_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::optional<std::string> private_store::get(std::string_view domain, std::string_view owner,
                                              std::string_view key) {
  last_error_.clear();
  statement_use use(select_);
  select_.bind_text(1, domain);
  select_.bind_text(2, owner);
  select_.bind_text(3, key);
  int rc = select_.step();
  if (rc == SQLITE_ROW) return select_.column_text(0);
  if (rc != SQLITE_DONE) fail("cannot read private XML");
  return std::nullopt;
}

bool private_store::set(std::string_view domain, std::string_view owner, std::string_view key,
                        std::string_view xml) {
  last_error_.clear();
  statement_use use(upsert_);
  upsert_.bind_text(1, domain);
  upsert_.bind_text(2, owner);
  upsert_.bind_text(3, key);
  upsert_.bind_text(4, xml);
  if (upsert_.step() != SQLITE_DONE) return fail("cannot store private XML");
  return true;
}

bool private_store::forget(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  return sqlite::forget_owner(db_.get(), "private_storage", domain, owner, last_error_);
}

}  // namespace djabberd::plugins::private_sqlite
