// Reads the registration policy and starts its actor.
#include "plugins/register/register_plugin.hpp"

#include <caf/actor_system.hpp>

namespace djabberd::plugins::register_ {

register_policy read_policy(const config::plugin_settings& settings) {
  settings.allow_only({"allow_from", "max_per_ip", "per_seconds", "min_password_length"});
  register_policy policy;
  for (const auto& text : settings.get_string_list("allow_from")) {
    auto range = cidr::parse(text);
    if (!range)
      settings.fail("allow_from", "'" + text +
                                      "' is not an address or CIDR range (e.g. "
                                      "10.0.0.0/8, 2001:db8::/32)");
    policy.allow_from.push_back(*range);
  }
  policy.max_per_ip = static_cast<std::size_t>(settings.get_int("max_per_ip", 5, 0, 1000000));
  policy.per_seconds = std::chrono::seconds(settings.get_int("per_seconds", 3600, 1, 31536000));
  policy.min_password_length =
      static_cast<std::size_t>(settings.get_int("min_password_length", 8, 1, 1024));
  return policy;
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  auto policy = read_policy(ctx.config.settings);
  auto actor = ctx.system.spawn(register_actor, std::move(policy));
  return hooks::join(actor, {hooks::hook_id::account_policy, hooks::hook_id::account_created});
}

}  // namespace djabberd::plugins::register_
