// Starts one s2s_policy actor per vhost and joins the hooks its settings use.
#include "plugins/s2s_policy/s2s_policy_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/s2s_policy/s2s_policy_actor.hpp"

namespace djabberd::plugins::s2s_policy {

std::vector<hooks::registration> start(plugin_context& ctx) {
  auto rules = std::make_shared<const policy_rules>(read_policy_rules(ctx.config.settings));
  std::vector<hooks::hook_id> ids;
  if (!rules->deny.empty()) ids.push_back(hooks::hook_id::s2s_allow);
  if (!rules->drop_text.empty()) {
    ids.push_back(hooks::hook_id::s2s_filter);
    ids.push_back(hooks::hook_id::s2s_out_filter);
  }
  if (!rules->trust.empty()) ids.push_back(hooks::hook_id::tls_verify_peer);
  if (!rules->dialback_secret.empty()) ids.push_back(hooks::hook_id::s2s_dialback_secret);
  if (!rules->routes.empty()) ids.push_back(hooks::hook_id::s2s_resolve);
  if (rules->answer_ping) ids.push_back(hooks::hook_id::iq_s2s);
  auto actor = ctx.system.spawn(policy_actor, std::move(rules));
  std::vector<hooks::registration> result;
  for (auto id : ids) {
    hooks::registration r;
    r.hook = id;
    r.handler = actor;
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace djabberd::plugins::s2s_policy
