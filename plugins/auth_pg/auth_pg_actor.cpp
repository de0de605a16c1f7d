// auth_pg_actor: each auth hook is one synchronous pg_account_store lookup.
#include "plugins/auth_pg/auth_pg_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::auth_pg {

namespace {

constexpr std::string_view component = "auth_pg";

// Declines after a lookup that found nothing, warning if the reason was a database error.
hooks::reply decline_after(const pg_account_store& store, std::string_view hook,
                           const std::string& vhost, const std::string& username) {
  if (!store.last_error().empty())
    log::warn(component, hook, " for ", username, "@", vhost, ": ", store.last_error());
  return hooks::declined();
}

}  // namespace

caf::behavior auth_pg_actor(caf::event_based_actor*, std::shared_ptr<pg_account_store> store) {
  return {
      [store](atoms::auth_get_secret, const std::string& vhost, const std::string& username,
              auth::hash_algo algo) -> hooks::reply {
        if (auto creds = store->credentials(vhost, username, algo))
          return hooks::handled(std::move(*creds));
        return decline_after(*store, "auth.get_secret", vhost, username);
      },
      [store](atoms::auth_check_password, const std::string& vhost, const std::string& username,
              const std::string& password) -> hooks::reply {
        if (auto creds = store->credentials(vhost, username, auth::hash_algo::sha256))
          return hooks::handled(auth::verify_password(*creds, password));
        return decline_after(*store, "auth.check_password", vhost, username);
      },
      [store](atoms::auth_user_exists, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        if (store->exists(vhost, username)) return hooks::handled(true);
        return decline_after(*store, "auth.user_exists", vhost, username);
      },
  };
}

}  // namespace djabberd::plugins::auth_pg
