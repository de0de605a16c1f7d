// The SQLite account store: accounts and their SCRAM credentials, one synchronous connection.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/crypto.hpp"
#include "auth/scram_credentials.hpp"
#include "plugins/account_credentials.hpp"
#include "plugins/sqlite/sqlite_statement.hpp"

struct sqlite3;

namespace djabberd::plugins::auth_sqlite {

using sqlite::sqlite_statement;
using sqlite::statement_use;

/// Accounts of every vhost in `<data_dir>/djabberd.sqlite`. Passwords are never stored: each
/// account keeps salted SCRAM-SHA-1 and SCRAM-SHA-256 keys. Several stores (the daemon and
/// djabberctl) may use the same file at once (WAL mode, 5 s busy timeout). One store must be used
/// by one thread at a time. Methods never throw; failures carry SQLite's message in last_error().
class account_store {
 public:
  using add_result = account_add_result;
  using update_result = account_update_result;
  using remove_result = account_remove_result;

  /// The database file name inside the data directory.
  static constexpr std::string_view file_name = "djabberd.sqlite";

  /// `data_dir / file_name`.
  static std::filesystem::path database_path(const std::filesystem::path& data_dir);

  /// Opens (creating the directory, the file with mode 0600 and the schema if missing) the store
  /// in `data_dir`. Returns nullptr and sets `error` on failure.
  static std::unique_ptr<account_store> open(const std::filesystem::path& data_dir,
                                             std::string& error);

  ~account_store();
  account_store(const account_store&) = delete;
  account_store& operator=(const account_store&) = delete;

  /// Creates an account with credentials for both hash algorithms, in one transaction. The
  /// username is nodeprep'd (invalid_username if that fails or it is empty or too long); the
  /// password must pass SASLprep and not be empty (invalid_password).
  add_result add_user(std::string_view domain, std::string_view username,
                      std::string_view password);

  /// Replaces both credentials of an existing account with new ones (fresh salts).
  update_result set_password(std::string_view domain, std::string_view username,
                             std::string_view password);

  /// Deletes an account and its credentials.
  remove_result remove_user(std::string_view domain, std::string_view username);

  /// The stored credentials for `algo`; nullopt if there are none or on error (then
  /// last_error() is not empty).
  std::optional<auth::scram_credentials> credentials(std::string_view domain,
                                                     std::string_view username,
                                                     auth::hash_algo algo);

  /// True if the account exists; false if not or on error (then last_error() is not empty).
  bool exists(std::string_view domain, std::string_view username);

  /// The usernames of `domain`, sorted; empty on error (then last_error() is not empty).
  std::vector<std::string> users(std::string_view domain);

  /// What the last call failed on (SQLite's message), or empty if it succeeded.
  const std::string& last_error() const { return last_error_; }

 private:
  explicit account_store(sqlite3* db);
  bool prepare_statements();
  bool fail(std::string_view what);
  bool exec(sqlite_statement& stmt, std::string_view what);
  bool insert_credentials(std::string_view domain, const std::string& username,
                          const auth::scram_credentials& creds);

  struct connection_closer {
    void operator()(sqlite3* db) const;
  };

  // Declared before the statements so it is destroyed after them (statements must be finalized
  // before their connection closes).
  std::unique_ptr<sqlite3, connection_closer> db_;
  std::string last_error_;
  sqlite_statement begin_;
  sqlite_statement commit_;
  sqlite_statement rollback_;
  sqlite_statement insert_account_;
  sqlite_statement upsert_credentials_;
  sqlite_statement select_credentials_;
  sqlite_statement select_account_;
  sqlite_statement delete_credentials_;
  sqlite_statement delete_account_;
  sqlite_statement select_users_;
};

}  // namespace djabberd::plugins::auth_sqlite
