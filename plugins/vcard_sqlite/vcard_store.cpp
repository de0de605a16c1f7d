// vcard_store: one prepared SELECT and one upsert.
#include "plugins/vcard_sqlite/vcard_store.hpp"

#include <sqlite3.h>

namespace djabberd::plugins::vcard_sqlite {

using sqlite::statement_use;

std::unique_ptr<vcard_store> vcard_store::open(const std::filesystem::path& data_dir,
                                               std::string& error) {
  auto db = sqlite::open_database(data_dir, vcard_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<vcard_store> store(new vcard_store(std::move(db)));
  store->select_ = sqlite::sqlite_statement(
      store->db_.get(), "SELECT vcard FROM vcards WHERE domain = ?1 AND owner = ?2");
  store->upsert_ =
      sqlite::sqlite_statement(store->db_.get(),
                               "INSERT INTO vcards (domain, owner, vcard) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (domain, owner) DO UPDATE SET vcard = excluded.vcard");
  if (!store->select_.ok() || !store->upsert_.ok()) {
    store->fail("cannot prepare the vcards statements");
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

vcard_store::vcard_store(sqlite::connection db) : db_(std::move(db)) {}

vcard_store::~vcard_store() = default;

bool vcard_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::optional<std::string> vcard_store::get(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  statement_use use(select_);
  select_.bind_text(1, domain);
  select_.bind_text(2, owner);
  int rc = select_.step();
  if (rc == SQLITE_ROW) return select_.column_text(0);
  if (rc != SQLITE_DONE) fail("cannot read the vCard");
  return std::nullopt;
}

bool vcard_store::set(std::string_view domain, std::string_view owner, std::string_view xml) {
  last_error_.clear();
  statement_use use(upsert_);
  upsert_.bind_text(1, domain);
  upsert_.bind_text(2, owner);
  upsert_.bind_text(3, xml);
  if (upsert_.step() != SQLITE_DONE) return fail("cannot store the vCard");
  return true;
}

bool vcard_store::forget(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  return sqlite::forget_owner(db_.get(), "vcards", domain, owner, last_error_);
}

}  // namespace djabberd::plugins::vcard_sqlite
