// sasl_policy: answers auth.sasl_mechanisms with the configured allow list, in its order.
#include "plugins/sasl_policy/sasl_policy_plugin.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::sasl_policy {

namespace {

constexpr std::array<std::string_view, 5> known = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
                                                   "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"};

caf::behavior policy_actor(caf::event_based_actor*, std::vector<std::string> allow) {
  return {[allow](atoms::sasl_mechanisms, const std::string&, const std::vector<std::string>&, bool,
                  const std::string&) -> hooks::reply { return hooks::handled(allow); }};
}

}  // namespace

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"allow"});
  auto allow = settings.get_string_list("allow");
  if (allow.empty()) settings.fail("allow", "name at least one mechanism");
  for (const auto& m : allow)
    if (std::find(known.begin(), known.end(), m) == known.end())
      settings.fail("allow", "unknown mechanism '" + m +
                                 "' (known: SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, SCRAM-SHA-256, "
                                 "SCRAM-SHA-1, PLAIN)");
  auto actor = ctx.system.spawn(policy_actor, std::move(allow));
  return hooks::join(actor, {hooks::hook_id::auth_sasl_mechanisms});
}

}  // namespace djabberd::plugins::sasl_policy
