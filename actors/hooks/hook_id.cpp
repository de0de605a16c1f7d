// Names of the hooks in the catalog.
#include "actors/hooks/hook_id.hpp"

#include <array>

namespace djabberd::hooks {

namespace {

constexpr std::array<std::string_view, hook_count> names = {
    "auth.get_secret",
    "auth.check_password",
    "auth.authorize",
    "auth.user_exists",
    "c2s.filter",
    "iq.c2s",
    "outbound.pre_write",
    "stream.features",
    "session.bound",
    "session.unbound",
    "session.initial_presence",
    "roster.get",
    "roster.set_item",
    "roster.remove",
    "roster.wipe",
    "offline.store",
    "offline.fetch",
    "offline.remove",
    "presence.alter_available",
    "presence.alter_unavailable",
    "iq.account",
    "disco.server_info",
    "disco.server_items",
    "disco.account_info",
    "vcard.get",
    "vcard.set",
    "private.get",
    "private.set",
    "cluster.route",
};

}  // namespace

std::string_view name(hook_id id) {
  return names[static_cast<std::size_t>(id)];
}

std::optional<hook_id> from_name(std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<hook_id>(i);
  return std::nullopt;
}

}  // namespace djabberd::hooks
