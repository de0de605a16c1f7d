// Starts one filter_pattern actor per vhost from its plugin table.
#include "plugins/filter_pattern/filter_pattern_plugin.hpp"

#include <utility>

#include <caf/actor_system.hpp>

#include "plugins/filter_pattern/filter_pattern_actor.hpp"

namespace djabberd::plugins::filter_pattern {

std::vector<hooks::registration> start(plugin_context& ctx) {
  auto rule = std::make_shared<const filter_rule>(read_filter_rule(ctx.config.settings));
  const bool inbound = rule->inbound;
  const bool outbound = rule->outbound;
  auto actor = ctx.system.spawn(filter_actor, std::move(rule));
  std::vector<hooks::registration> result =
      hooks::join(actor, {hooks::hook_id::stats_collect, hooks::hook_id::admin_command});
  for (auto [wanted, id] : {std::pair{inbound, hooks::hook_id::c2s_filter},
                            std::pair{outbound, hooks::hook_id::outbound_pre_write}}) {
    if (!wanted) continue;
    hooks::registration r;
    r.hook = id;
    r.handler = actor;
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace djabberd::plugins::filter_pattern
