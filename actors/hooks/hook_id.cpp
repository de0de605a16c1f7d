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
    "auth.sasl_mechanisms",
    "c2s.filter",
    "c2s.route",
    "deliver",
    "iq.c2s",
    "outbound.pre_write",
    "stream.features",
    "session.bound",
    "session.unbound",
    "session.initial_presence",
    "stream.unknown_element",
    "roster.get",
    "roster.set_item",
    "roster.remove",
    "roster.wipe",
    "offline.store",
    "offline.fetch",
    "offline.remove",
    "presence.alter_available",
    "presence.alter_unavailable",
    "presence.collect",
    "presence.probe_plan",
    "iq.account",
    "disco.server_info",
    "disco.server_items",
    "disco.account_info",
    "vcard.get",
    "vcard.set",
    "private.get",
    "private.set",
    "admin.command",
    "stats.collect",
    "plugin.lookup",
    "disco.account_items",
    "avatar.hash",
    "last.get",
    "last.set",
    "pep.get_nodes",
    "pep.set_node",
    "pep.publish",
    "pep.retract",
    "pep.delete_node",
    "s2s.allow",
    "s2s.filter",
    "s2s.out_filter",
    "iq.s2s",
    "tls.verify_peer",
    "s2s.dialback_secret",
    "s2s.resolve",
    "session.closing",
    "blocklist.get",
    "blocklist.add",
    "blocklist.remove",
    "account.policy",
    "account.register",
    "account.unregister",
    "account.password",
    "account.created",
    "account.deleted",
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
