// The users of an auth_static plugin table, read from its `users` key and turned into SCRAM keys.
#pragma once

#include <map>
#include <string>

#include "auth/scram_credentials.hpp"
#include "config/plugin_settings.hpp"

namespace djabberd::plugins::auth_static {

/// One configured user: credentials for both hash algorithms (random salts); no password kept.
struct static_account {
  auth::scram_credentials sha1;
  auth::scram_credentials sha256;

  /// The credentials for `algo`.
  const auth::scram_credentials& for_algo(auth::hash_algo algo) const {
    return algo == auth::hash_algo::sha1 ? sha1 : sha256;
  }
};

/// Accounts by nodeprep'd username.
using static_accounts = std::map<std::string, static_account, std::less<>>;

/// Reads `users = { name = "password", ... }`. Throws config::config_error naming the `users` key
/// for unknown settings, a username that fails nodeprep, two names equal after nodeprep, or a
/// password that is empty or fails SASLprep.
static_accounts read_static_users(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::auth_static
