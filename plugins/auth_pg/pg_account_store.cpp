// pg_account_store: each account operation as parameterised statements in one transaction.
#include "plugins/auth_pg/pg_account_store.hpp"

#include <ctime>

#include "plugins/account_credentials.hpp"
#include "plugins/auth_pg/pg_account_schema.hpp"
#include "plugins/postgres/pg_schema.hpp"

namespace djabberd::plugins::auth_pg {

namespace {

using postgres::bytes;
using postgres::integer;
using postgres::pg_transaction;
using postgres::text;

constexpr std::string_view upsert_credentials =
    "INSERT INTO scram_credentials (domain, username, algo, salt, iterations, stored_key, "
    "server_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (domain, username, algo) DO "
    "UPDATE SET salt = excluded.salt, iterations = excluded.iterations, "
    "stored_key = excluded.stored_key, server_key = excluded.server_key";

}  // namespace

pg_account_store::pg_account_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::string pg_account_store::create_schema(const std::string& conninfo) {
  return postgres::create_schema(conninfo, account_schema);
}

bool pg_account_store::store_credentials(std::string_view domain, const std::string& username,
                                         const std::vector<auth::scram_credentials>& creds) {
  for (const auto& c : creds) {
    if (!conn_
             .exec(upsert_credentials,
                   {text(domain), text(username), text(algo_column(c.algo)), bytes(c.salt),
                    integer(c.iterations), bytes(c.stored_key), bytes(c.server_key)},
                   "cannot store credentials")
             .ok())
      return false;
  }
  return true;
}

pg_account_store::add_result pg_account_store::add_user(std::string_view domain,
                                                        std::string_view username,
                                                        std::string_view password) {
  conn_.clear_error();
  // Derive the keys before the transaction starts: PBKDF2 takes a while.
  auto prepared = make_new_credentials(username, password);
  if (prepared.result != new_credentials::status::ok) {
    conn_.set_error(prepared.error);  // empty unless the derivation failed
    return refused_add(prepared.result);
  }
  const std::string& user = prepared.username;
  pg_transaction tx(conn_);
  if (!tx.ok()) return add_result::error;
  auto inserted =
      conn_.exec("INSERT INTO accounts (domain, username, created_at) VALUES ($1, $2, $3)",
                 {text(domain), text(user), integer(static_cast<std::int64_t>(std::time(nullptr)))},
                 "cannot add account");
  if (!inserted.ok()) {
    if (inserted.sqlstate() != postgres::unique_violation) return add_result::error;
    conn_.clear_error();
    return add_result::exists;
  }
  if (!store_credentials(domain, user, prepared.keys)) return add_result::error;
  return tx.commit() ? add_result::ok : add_result::error;
}

pg_account_store::update_result pg_account_store::set_password(std::string_view domain,
                                                               std::string_view username,
                                                               std::string_view password) {
  conn_.clear_error();
  // Derive the keys before the transaction starts: PBKDF2 takes a while.
  auto prepared = make_new_credentials(username, password);
  if (prepared.result != new_credentials::status::ok) {
    conn_.set_error(prepared.error);  // empty unless the derivation failed
    return refused_update(prepared.result);
  }
  const std::string& user = prepared.username;
  pg_transaction tx(conn_);
  if (!tx.ok()) return update_result::error;
  // FOR UPDATE: a concurrent remove_user waits, so no credentials outlive their account.
  auto found = conn_.exec("SELECT 1 FROM accounts WHERE domain = $1 AND username = $2 FOR UPDATE",
                          {text(domain), text(user)}, "cannot look up account");
  if (!found.ok()) return update_result::error;
  if (found.rows() == 0) return update_result::not_found;
  if (!store_credentials(domain, user, prepared.keys)) return update_result::error;
  return tx.commit() ? update_result::ok : update_result::error;
}

pg_account_store::remove_result pg_account_store::remove_user(std::string_view domain,
                                                              std::string_view username) {
  conn_.clear_error();
  auto user = prepare_username(username);
  if (!user) return remove_result::not_found;
  pg_transaction tx(conn_);
  if (!tx.ok()) return remove_result::error;
  // The credentials go with the account (ON DELETE CASCADE).
  auto deleted = conn_.exec("DELETE FROM accounts WHERE domain = $1 AND username = $2",
                            {text(domain), text(*user)}, "cannot delete account");
  if (!deleted.ok()) return remove_result::error;
  if (deleted.affected() == 0) return remove_result::not_found;
  return tx.commit() ? remove_result::ok : remove_result::error;
}

std::optional<auth::scram_credentials> pg_account_store::credentials(std::string_view domain,
                                                                     std::string_view username,
                                                                     auth::hash_algo algo) {
  conn_.clear_error();
  auto user = prepare_username(username);
  if (!user) return std::nullopt;
  auto row = conn_.exec_idempotent(
      "SELECT salt, iterations, stored_key, server_key FROM scram_credentials "
      "WHERE domain = $1 AND username = $2 AND algo = $3",
      {text(domain), text(*user), text(algo_column(algo))}, "cannot read credentials");
  if (!row.ok() || row.rows() == 0) return std::nullopt;
  auto creds = checked_credentials(algo, row.bytes(0, 0), row.integer(0, 1), row.bytes(0, 2),
                                   row.bytes(0, 3));
  if (!creds) conn_.set_error(corrupt_credentials_error(algo, *user, domain));
  return creds;
}

bool pg_account_store::exists(std::string_view domain, std::string_view username) {
  conn_.clear_error();
  auto user = prepare_username(username);
  if (!user) return false;
  auto row = conn_.exec_idempotent("SELECT 1 FROM accounts WHERE domain = $1 AND username = $2",
                                   {text(domain), text(*user)}, "cannot look up account");
  return row.ok() && row.rows() > 0;
}

std::vector<std::string> pg_account_store::users(std::string_view domain) {
  conn_.clear_error();
  std::vector<std::string> result;
  auto rows = conn_.exec_idempotent(
      "SELECT username FROM accounts WHERE domain = $1 ORDER BY username COLLATE \"C\"",
      {text(domain)}, "cannot list accounts");
  if (!rows.ok()) return result;
  for (int i = 0; i < rows.rows(); ++i) result.push_back(rows.text(i, 0));
  return result;
}

}  // namespace djabberd::plugins::auth_pg
