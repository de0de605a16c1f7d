// The account rules both account stores (auth_sqlite's account_store, auth_pg's
// pg_account_store) apply before and after they touch their database: usernames are nodeprep'd,
// passwords SASLprep'd, and each account keeps salted SCRAM-SHA-1 and SCRAM-SHA-256 keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/crypto.hpp"
#include "auth/scram_credentials.hpp"

namespace djabberd::plugins {

/// What add_user, set_password and remove_user answer, the same for every account store.
enum class account_add_result { ok, exists, invalid_username, invalid_password, error };
enum class account_update_result { ok, not_found, invalid_password, error };
enum class account_remove_result { ok, not_found, error };

/// "SHA-1" or "SHA-256": the `algo` column value of the scram_credentials table.
std::string_view algo_column(auth::hash_algo algo);

/// The canonical form of a username, or nullopt if it cannot be an XMPP local part (nodeprep
/// fails, or it is empty or longer than a JID part may be).
std::optional<std::string> prepare_username(std::string_view username);

/// A new password's account: the prepared username and the keys for every algorithm.
struct new_credentials {
  enum class status { ok, invalid_username, invalid_password, error };
  status result = status::error;
  std::string username;                       ///< prepared, when result is ok
  std::vector<auth::scram_credentials> keys;  ///< SHA-1 and SHA-256, when result is ok
  std::string error;                          ///< what failed, when result is error
};

/// Checks `username` and `password` (SASLprep'd, not empty) and derives the keys with fresh salts.
/// PBKDF2 takes a while: call it before starting a write transaction.
new_credentials make_new_credentials(std::string_view username, std::string_view password);

/// What add_user answers for credentials make_new_credentials() refused (`result` is not ok).
account_add_result refused_add(new_credentials::status result);

/// What set_password answers for credentials make_new_credentials() refused: an invalid
/// username cannot name an existing account (not_found).
account_update_result refused_update(new_credentials::status result);

/// Credentials read back from a row, or nullopt if the row cannot be real (iterations out of
/// range, empty salt, keys of the wrong size for `algo`).
std::optional<auth::scram_credentials> checked_credentials(auth::hash_algo algo, std::string salt,
                                                           std::int64_t iterations,
                                                           std::string stored_key,
                                                           std::string server_key);

/// The error a store reports for a row that checked_credentials() refused.
std::string corrupt_credentials_error(auth::hash_algo algo, std::string_view username,
                                      std::string_view domain);

}  // namespace djabberd::plugins
