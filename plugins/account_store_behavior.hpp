// The behavior shared by the account-store plugins (auth_sqlite, auth_pg): each auth and account
// hook is one synchronous call on the store, so the actor running it must be detached.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <caf/behavior.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/hook_table.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/auth_registrations.hpp"

namespace djabberd::plugins {

/// Registers `handler` for the auth lookups and for account.register, account.unregister and
/// account.password (XEP-0077, djabberctl deluser on a running server).
inline std::vector<hooks::registration> account_store_registrations(const caf::actor& handler) {
  auto regs = auth_registrations(handler);
  for (auto& r :
       hooks::join(handler, {hooks::hook_id::account_register, hooks::hook_id::account_unregister,
                             hooks::hook_id::account_password}))
    regs.push_back(std::move(r));
  return regs;
}

/// Answers auth.get_secret, auth.check_password, auth.user_exists and the account.* hooks from
/// `store` (the vhost is the account's domain). `Store` is account_store or pg_account_store:
/// credentials(), exists(), add_user(), remove_user(), set_password(), last_error(). Unknown users
/// are declined; database errors are logged under `component` and declined (lookups) or answered
/// internal-server-error (changes).
template <class Store>
caf::behavior account_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  auto decline_after = [component, store](std::string_view hook, const std::string& vhost,
                                          const std::string& username) {
    if (!store->last_error().empty())
      log::warn(component, hook, " for ", username, "@", vhost, ": ", store->last_error());
    return hooks::declined();
  };
  auto failed = [component, store](std::string_view hook, const std::string& vhost,
                                   const std::string& username) {
    log::warn(component, hook, " for ", username, "@", vhost, ": ", store->last_error());
    return hooks::handled(std::string("internal-server-error"));
  };
  return {
      [store, decline_after](atoms::auth_get_secret, const std::string& vhost,
                             const std::string& username, auth::hash_algo algo) -> hooks::reply {
        if (auto creds = store->credentials(vhost, username, algo))
          return hooks::handled(std::move(*creds));
        return decline_after("auth.get_secret", vhost, username);
      },
      [store, decline_after](atoms::auth_check_password, const std::string& vhost,
                             const std::string& username,
                             const std::string& password) -> hooks::reply {
        if (auto creds = store->credentials(vhost, username, auth::hash_algo::sha256))
          return hooks::handled(auth::verify_password(*creds, password));
        return decline_after("auth.check_password", vhost, username);
      },
      [store, decline_after](atoms::auth_user_exists, const std::string& vhost,
                             const std::string& username) -> hooks::reply {
        if (store->exists(vhost, username)) return hooks::handled(true);
        return decline_after("auth.user_exists", vhost, username);
      },
      // XEP-0077 (actors/accounts/account_requests.cpp): the same store as djabberctl uses.
      [store, failed](atoms::account_register, const std::string& vhost,
                      const std::string& username, const std::string& password,
                      const std::string&) -> hooks::reply {
        using result = typename Store::add_result;
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
        return failed("account.register", vhost, username);
      },
      [store, failed](atoms::account_unregister, const std::string& vhost,
                      const std::string& username) -> hooks::reply {
        using result = typename Store::remove_result;
        switch (store->remove_user(vhost, username)) {
          case result::ok:
            return hooks::handled(std::string("deleted"));
          case result::not_found:
            return hooks::handled(std::string("not_found"));
          case result::error:
            break;
        }
        return failed("account.unregister", vhost, username);
      },
      [store, failed](atoms::account_password, const std::string& vhost,
                      const std::string& username, const std::string& password) -> hooks::reply {
        using result = typename Store::update_result;
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
        return failed("account.password", vhost, username);
      },
  };
}

}  // namespace djabberd::plugins
