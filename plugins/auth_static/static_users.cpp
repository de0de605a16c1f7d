// read_static_users: validation of the `users` table and key derivation.
#include "plugins/auth_static/static_users.hpp"

#include "auth/crypto.hpp"
#include "stanza/jid.hpp"

namespace djabberd::plugins::auth_static {

static_accounts read_static_users(const config::plugin_settings& settings) {
  settings.allow_only({"users"});
  static_accounts accounts;
  for (const auto& [name, password] : settings.get_string_map("users")) {
    auto username = nodeprep(name);
    if (!username || username->empty() || username->size() > jid::max_part_bytes)
      settings.fail("users", "'" + name + "' is not a valid username (XMPP local part)");
    if (accounts.count(*username))
      settings.fail("users", "'" + name + "' is listed twice (as '" + *username + "')");
    auto prepared = auth::saslprep(password);
    if (!prepared || prepared->empty())
      settings.fail("users", "the password of '" + name +
                                 "' is empty or contains characters not allowed (SASLprep)");
    accounts.emplace(
        *username, static_account{auth::make_scram_credentials(auth::hash_algo::sha1, password),
                                  auth::make_scram_credentials(auth::hash_algo::sha256, password)});
  }
  return accounts;
}

}  // namespace djabberd::plugins::auth_static
