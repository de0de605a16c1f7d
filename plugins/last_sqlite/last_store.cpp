// last_store: one SELECT, one upsert, one DELETE.
#include "plugins/last_sqlite/last_store.hpp"

#include <sqlite3.h>

namespace djabberd::plugins::last_sqlite {

using sqlite::statement_use;

std::unique_ptr<last_store> last_store::open(const std::filesystem::path& data_dir,
                                             std::string& error) {
  auto db = sqlite::open_database(data_dir, last_schema, error);
  if (!db) return nullptr;
  std::unique_ptr<last_store> store(new last_store(std::move(db)));
  store->select_ = sqlite::sqlite_statement(
      store->db_.get(),
      "SELECT seconds, status FROM last_activity WHERE domain = ?1 AND owner = ?2");
  store->upsert_ = sqlite::sqlite_statement(
      store->db_.get(),
      "INSERT INTO last_activity (domain, owner, seconds, status) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (domain, owner) DO UPDATE SET seconds = excluded.seconds, "
      "status = excluded.status");
  store->delete_ = sqlite::sqlite_statement(
      store->db_.get(), "DELETE FROM last_activity WHERE domain = ?1 AND owner = ?2");
  if (!store->select_.ok() || !store->upsert_.ok() || !store->delete_.ok()) {
    store->fail("cannot prepare the last_activity statements");
    error = sqlite::database_path(data_dir).string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

last_store::last_store(sqlite::connection db) : db_(std::move(db)) {}

last_store::~last_store() = default;

bool last_store::fail(std::string_view what) {
  last_error_ = sqlite::error_text(db_.get(), what);
  return false;
}

std::optional<std::pair<std::int64_t, std::string>> last_store::get(std::string_view domain,
                                                                    std::string_view owner) {
  last_error_.clear();
  statement_use use(select_);
  select_.bind_text(1, domain);
  select_.bind_text(2, owner);
  int rc = select_.step();
  if (rc == SQLITE_ROW) return std::pair{select_.column_int64(0), select_.column_text(1)};
  if (rc != SQLITE_DONE) fail("cannot read the last activity");
  return std::nullopt;
}

bool last_store::set(std::string_view domain, std::string_view owner, std::int64_t seconds,
                     std::string_view status) {
  last_error_.clear();
  statement_use use(upsert_);
  upsert_.bind_text(1, domain);
  upsert_.bind_text(2, owner);
  upsert_.bind_int64(3, seconds);
  upsert_.bind_text(4, status);
  if (upsert_.step() != SQLITE_DONE) return fail("cannot store the last activity");
  return true;
}

bool last_store::remove(std::string_view domain, std::string_view owner) {
  last_error_.clear();
  statement_use use(delete_);
  delete_.bind_text(1, domain);
  delete_.bind_text(2, owner);
  if (delete_.step() != SQLITE_DONE) return fail("cannot forget the last activity");
  return true;
}

}  // namespace djabberd::plugins::last_sqlite
