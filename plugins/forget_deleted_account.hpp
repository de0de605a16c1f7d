// The account.deleted answer shared by every store that keeps data per account.
#pragma once

#include <string>
#include <string_view>

#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"

namespace djabberd::plugins {

/// account.deleted (notify; XEP-0077 removal, djabberctl deluser): `forget(owner)` drops what the
/// store keeps for `username@vhost`, so a new account of the same name starts empty. A failure is
/// logged under `component` with `store.last_error()`. Declined either way: every plugin on the
/// chain hears of the deletion.
template <class Store, class Forget>
hooks::reply forget_deleted_account(std::string_view component, const Store& store,
                                    const std::string& vhost, const std::string& username,
                                    Forget forget) {
  auto owner = username + "@" + vhost;
  if (!forget(owner)) log::warn(component, "account.deleted for ", owner, ": ", store.last_error());
  return hooks::declined();
}

}  // namespace djabberd::plugins
