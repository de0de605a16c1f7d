// The account.deleted handler shared by every store that keeps data per account.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"

namespace djabberd::plugins {

/// A handler for account.deleted (notify; XEP-0077 removal, djabberctl deluser):
/// `forget(*store, vhost, owner)` drops what the store keeps for `username@vhost`, so a new
/// account of the same name starts empty. A failure is logged under `component` with the store's
/// last_error(). Declined either way: every plugin on the chain hears of the deletion.
template <class Store, class Forget>
auto forget_on_account_deleted(std::string_view component, std::shared_ptr<Store> store,
                               Forget forget) {
  return [component, store, forget](atoms::account_deleted, const std::string& vhost,
                                    const std::string& username) -> hooks::reply {
    auto owner = username + "@" + vhost;
    if (!forget(*store, vhost, owner))
      log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
    return hooks::declined();
  };
}

}  // namespace djabberd::plugins
