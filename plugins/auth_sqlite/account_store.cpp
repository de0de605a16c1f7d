// account_store: opening the database, and each account operation as prepared statements.
#include "plugins/auth_sqlite/account_store.hpp"

#include <ctime>
#include <system_error>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "plugins/auth_sqlite/account_schema.hpp"

namespace djabberd::plugins::auth_sqlite {

namespace {

// Creates the file readable by its owner only (it holds password-equivalent keys); SQLite gives
// its -wal and -shm files the same mode.
std::string create_private_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return std::error_code(errno, std::generic_category()).message();
  ::close(fd);
  return "";
}

// Rolls back an open write transaction unless it was committed.
class rollback_guard {
 public:
  explicit rollback_guard(sqlite_statement& rollback) : rollback_(rollback) {}
  ~rollback_guard() {
    if (active_) {
      statement_use use(rollback_);
      rollback_.step();
    }
  }
  rollback_guard(const rollback_guard&) = delete;
  rollback_guard& operator=(const rollback_guard&) = delete;
  void release() { active_ = false; }

 private:
  sqlite_statement& rollback_;
  bool active_ = true;
};

}  // namespace

std::filesystem::path account_store::database_path(const std::filesystem::path& data_dir) {
  return data_dir / file_name;
}

std::unique_ptr<account_store> account_store::open(const std::filesystem::path& data_dir,
                                                   std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    error = "cannot create data directory " + data_dir.string() + ": " + ec.message();
    return nullptr;
  }
  auto path = database_path(data_dir);
  if (!std::filesystem::exists(path, ec)) {
    if (auto problem = create_private_file(path); !problem.empty()) {
      error = "cannot create " + path.string() + ": " + problem;
      return nullptr;
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    error = "cannot open " + path.string() + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_extended_result_codes(db, 1);
  if (auto problem = prepare_database(db); !problem.empty()) {
    error = path.string() + ": " + problem;
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<account_store> store(new account_store(db));
  if (!store->prepare_statements()) {
    error = path.string() + ": " + store->last_error_;
    return nullptr;
  }
  return store;
}

account_store::account_store(sqlite3* db) : db_(db) {}

account_store::~account_store() = default;

void account_store::connection_closer::operator()(sqlite3* db) const {
  sqlite3_close(db);
}

bool account_store::prepare_statements() {
  struct entry {
    sqlite_statement& stmt;
    std::string_view sql;
  };
  entry entries[] = {
      {begin_, "BEGIN IMMEDIATE"},
      {commit_, "COMMIT"},
      {rollback_, "ROLLBACK"},
      {insert_account_, "INSERT INTO accounts (domain, username, created_at) VALUES (?1, ?2, ?3)"},
      {upsert_credentials_,
       "INSERT OR REPLACE INTO scram_credentials (domain, username, algo, salt, iterations, "
       "stored_key, server_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {select_credentials_,
       "SELECT salt, iterations, stored_key, server_key FROM scram_credentials "
       "WHERE domain = ?1 AND username = ?2 AND algo = ?3"},
      {select_account_, "SELECT 1 FROM accounts WHERE domain = ?1 AND username = ?2"},
      {delete_credentials_, "DELETE FROM scram_credentials WHERE domain = ?1 AND username = ?2"},
      {delete_account_, "DELETE FROM accounts WHERE domain = ?1 AND username = ?2"},
      {select_users_, "SELECT username FROM accounts WHERE domain = ?1 ORDER BY username"},
  };
  for (auto& e : entries) {
    e.stmt = sqlite_statement(db_.get(), e.sql);
    if (!e.stmt.ok()) return fail("cannot prepare '" + std::string(e.sql) + "'");
  }
  return true;
}

bool account_store::fail(std::string_view what) {
  last_error_ = std::string(what) + ": " + sqlite3_errmsg(db_.get());
  return false;
}

bool account_store::exec(sqlite_statement& stmt, std::string_view what) {
  statement_use use(stmt);
  if (stmt.step() != SQLITE_DONE) return fail(what);
  return true;
}

bool account_store::insert_credentials(std::string_view domain, const std::string& username,
                                       const auth::scram_credentials& creds) {
  statement_use use(upsert_credentials_);
  upsert_credentials_.bind_text(1, domain);
  upsert_credentials_.bind_text(2, username);
  upsert_credentials_.bind_text(3, algo_column(creds.algo));
  upsert_credentials_.bind_blob(4, creds.salt);
  upsert_credentials_.bind_int64(5, creds.iterations);
  upsert_credentials_.bind_blob(6, creds.stored_key);
  upsert_credentials_.bind_blob(7, creds.server_key);
  if (upsert_credentials_.step() != SQLITE_DONE) return fail("cannot store credentials");
  return true;
}

account_store::add_result account_store::add_user(std::string_view domain,
                                                  std::string_view username,
                                                  std::string_view password) {
  last_error_.clear();
  // Derive the keys before taking the write lock: PBKDF2 takes a while.
  auto prepared = make_new_credentials(username, password);
  if (prepared.result != new_credentials::status::ok) {
    last_error_ = prepared.error;  // empty unless the derivation failed
    return refused_add(prepared.result);
  }
  const std::string& user = prepared.username;
  if (!exec(begin_, "cannot start a transaction")) return add_result::error;
  rollback_guard guard(rollback_);
  {
    statement_use use(insert_account_);
    insert_account_.bind_text(1, domain);
    insert_account_.bind_text(2, user);
    insert_account_.bind_int64(3, static_cast<std::int64_t>(std::time(nullptr)));
    int rc = insert_account_.step();
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) return add_result::exists;
    if (rc != SQLITE_DONE) {
      fail("cannot add account");
      return add_result::error;
    }
  }
  for (const auto& c : prepared.keys)
    if (!insert_credentials(domain, user, c)) return add_result::error;
  if (!exec(commit_, "cannot commit")) return add_result::error;
  guard.release();
  return add_result::ok;
}

account_store::update_result account_store::set_password(std::string_view domain,
                                                         std::string_view username,
                                                         std::string_view password) {
  last_error_.clear();
  auto prepared = make_new_credentials(username, password);
  if (prepared.result != new_credentials::status::ok) {
    last_error_ = prepared.error;  // empty unless the derivation failed
    return refused_update(prepared.result);
  }
  const std::string& user = prepared.username;
  if (!exec(begin_, "cannot start a transaction")) return update_result::error;
  rollback_guard guard(rollback_);
  {
    statement_use use(select_account_);
    select_account_.bind_text(1, domain);
    select_account_.bind_text(2, user);
    int rc = select_account_.step();
    if (rc == SQLITE_DONE) return update_result::not_found;
    if (rc != SQLITE_ROW) {
      fail("cannot look up account");
      return update_result::error;
    }
  }
  for (const auto& c : prepared.keys)
    if (!insert_credentials(domain, user, c)) return update_result::error;
  if (!exec(commit_, "cannot commit")) return update_result::error;
  guard.release();
  return update_result::ok;
}

account_store::remove_result account_store::remove_user(std::string_view domain,
                                                        std::string_view username) {
  last_error_.clear();
  auto user = prepare_username(username);
  if (!user) return remove_result::not_found;
  if (!exec(begin_, "cannot start a transaction")) return remove_result::error;
  rollback_guard guard(rollback_);
  for (auto* stmt : {&delete_credentials_, &delete_account_}) {
    statement_use use(*stmt);
    stmt->bind_text(1, domain);
    stmt->bind_text(2, *user);
    if (stmt->step() != SQLITE_DONE) {
      fail("cannot delete account");
      return remove_result::error;
    }
  }
  if (sqlite3_changes(db_.get()) == 0) return remove_result::not_found;
  if (!exec(commit_, "cannot commit")) return remove_result::error;
  guard.release();
  return remove_result::ok;
}

std::optional<auth::scram_credentials> account_store::credentials(std::string_view domain,
                                                                  std::string_view username,
                                                                  auth::hash_algo algo) {
  last_error_.clear();
  auto user = prepare_username(username);
  if (!user) return std::nullopt;
  statement_use use(select_credentials_);
  select_credentials_.bind_text(1, domain);
  select_credentials_.bind_text(2, *user);
  select_credentials_.bind_text(3, algo_column(algo));
  int rc = select_credentials_.step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    fail("cannot read credentials");
    return std::nullopt;
  }
  auto creds = checked_credentials(
      algo, select_credentials_.column_blob(0), select_credentials_.column_int64(1),
      select_credentials_.column_blob(2), select_credentials_.column_blob(3));
  if (!creds) last_error_ = corrupt_credentials_error(algo, *user, domain);
  return creds;
}

bool account_store::exists(std::string_view domain, std::string_view username) {
  last_error_.clear();
  auto user = prepare_username(username);
  if (!user) return false;
  statement_use use(select_account_);
  select_account_.bind_text(1, domain);
  select_account_.bind_text(2, *user);
  int rc = select_account_.step();
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) fail("cannot look up account");
  return false;
}

std::vector<std::string> account_store::users(std::string_view domain) {
  last_error_.clear();
  std::vector<std::string> result;
  statement_use use(select_users_);
  select_users_.bind_text(1, domain);
  int rc;
  while ((rc = select_users_.step()) == SQLITE_ROW) result.push_back(select_users_.column_text(0));
  if (rc != SQLITE_DONE) {
    fail("cannot list accounts");
    result.clear();
  }
  return result;
}

}  // namespace djabberd::plugins::auth_sqlite
