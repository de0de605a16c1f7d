// auth_sqlite_actor: each auth hook is one synchronous account_store lookup.
#include "plugins/auth_sqlite/auth_sqlite_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::auth_sqlite {

namespace {

constexpr std::string_view component = "auth_sqlite";

// Declines after a lookup that found nothing, warning if the reason was a database error (the
// chain's default then refuses the login).
hooks::reply decline_after(const account_store& store, std::string_view hook,
                           const std::string& vhost, const std::string& username) {
  if (!store.last_error().empty())
    log::warn(component, hook, " for ", username, "@", vhost, ": ", store.last_error());
  return hooks::declined();
}

}  // namespace

caf::behavior auth_sqlite_actor(caf::event_based_actor*, std::shared_ptr<account_store> store) {
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
      // XEP-0077 (actors/accounts/account_requests.cpp): the same store as djabberctl uses.
      [store](atoms::account_register, const std::string& vhost, const std::string& username,
              const std::string& password, const std::string&) -> hooks::reply {
        using result = account_store::add_result;
        switch (store->add_user(vhost, username, password)) {
          case result::ok:
            return hooks::handled(std::string("created"));
          case result::exists:
            return hooks::handled(std::string("conflict"));
          case result::invalid_username:
          case result::invalid_password:
            return hooks::handled(std::string("not-acceptable"));
          case result::error:
            break;
        }
        log::warn(component, "account.register for ", username, "@", vhost, ": ",
                  store->last_error());
        return hooks::handled(std::string("internal-server-error"));
      },
      [store](atoms::account_unregister, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        using result = account_store::remove_result;
        switch (store->remove_user(vhost, username)) {
          case result::ok:
            return hooks::handled(std::string("deleted"));
          case result::not_found:
            return hooks::handled(std::string("not_found"));
          case result::error:
            break;
        }
        log::warn(component, "account.unregister for ", username, "@", vhost, ": ",
                  store->last_error());
        return hooks::handled(std::string("internal-server-error"));
      },
      [store](atoms::account_password, const std::string& vhost, const std::string& username,
              const std::string& password) -> hooks::reply {
        using result = account_store::update_result;
        switch (store->set_password(vhost, username, password)) {
          case result::ok:
            return hooks::handled(std::string("changed"));  // fresh salts, new SCRAM keys
          case result::not_found:
            return hooks::handled(std::string("not_found"));
          case result::invalid_password:
            return hooks::handled(std::string("not-acceptable"));
          case result::error:
            break;
        }
        log::warn(component, "account.password for ", username, "@", vhost, ": ",
                  store->last_error());
        return hooks::handled(std::string("internal-server-error"));
      },
      [store](atoms::auth_user_exists, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        if (store->exists(vhost, username)) return hooks::handled(true);
        return decline_after(*store, "auth.user_exists", vhost, username);
      },
  };
}

}  // namespace djabberd::plugins::auth_sqlite
