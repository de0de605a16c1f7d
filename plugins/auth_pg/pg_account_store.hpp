// The PostgreSQL account store: accounts and their SCRAM credentials on one connection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/crypto.hpp"
#include "auth/scram_credentials.hpp"
#include "plugins/account_credentials.hpp"
#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::auth_pg {

/// Accounts of every vhost in the database of `conninfo` (tables accounts, scram_credentials),
/// with the same rules and results as auth_sqlite's account_store: salted SCRAM-SHA-1 and
/// SCRAM-SHA-256 keys, nodeprep'd usernames, SASLprep'd passwords. Connects lazily and again
/// after a lost connection. One thread at a time; methods never throw, failures carry
/// PostgreSQL's message in last_error().
class pg_account_store {
 public:
  using add_result = account_add_result;
  using update_result = account_update_result;
  using remove_result = account_remove_result;

  /// A store on `conninfo`; nothing is connected until the first call.
  explicit pg_account_store(std::string conninfo);

  /// Creates the tables if missing (connecting once); "" or the error. Blocks.
  static std::string create_schema(const std::string& conninfo);

  add_result add_user(std::string_view domain, std::string_view username,
                      std::string_view password);
  update_result set_password(std::string_view domain, std::string_view username,
                             std::string_view password);
  remove_result remove_user(std::string_view domain, std::string_view username);

  /// The stored credentials for `algo`; nullopt if none or on error (then last_error() is set).
  std::optional<auth::scram_credentials> credentials(std::string_view domain,
                                                     std::string_view username,
                                                     auth::hash_algo algo);

  /// True if the account exists; false if not or on error (then last_error() is set).
  bool exists(std::string_view domain, std::string_view username);

  /// The usernames of `domain`, sorted; empty on error (then last_error() is set).
  std::vector<std::string> users(std::string_view domain);

  const std::string& last_error() const { return conn_.last_error(); }

 private:
  bool store_credentials(std::string_view domain, const std::string& username,
                         const std::vector<auth::scram_credentials>& creds);

  postgres::pg_connection conn_;
};

}  // namespace djabberd::plugins::auth_pg
