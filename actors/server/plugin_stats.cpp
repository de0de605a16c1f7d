// collect_plugin_stats: one stats.collect chain per vhost.
#include "actors/server/plugin_stats.hpp"

#include "actors/atoms.hpp"
#include "actors/hooks/ask_hook.hpp"
#include "actors/message_types.hpp"

namespace djabberd::metrics {

std::vector<plugin_stat> collect_plugin_stats(caf::blocking_actor* self,
                                              const server_context& server) {
  std::vector<plugin_stat> out;
  for (const auto& vhost : server.config.vhosts) {
    const auto* runtime = server.find_vhost(vhost.domain);
    if (!runtime) continue;
    auto parts = hooks::ask_collect(self, runtime->hooks, hooks::hook_id::stats_collect,
                                    caf::make_message(atoms::stats_collect::value, vhost.domain),
                                    std::chrono::seconds(2));
    for (const auto& part : parts) {
      if (!part.match_elements<hooks::stat_samples>()) continue;
      for (const auto& [name, value] : part.get_as<hooks::stat_samples>(0))
        out.push_back({vhost.domain, name, value});
    }
  }
  return out;
}

}  // namespace djabberd::metrics
