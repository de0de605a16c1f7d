// Plugins' own counters (the stats.collect hook), for djabberctl stats and the metrics endpoint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/blocking_actor.hpp>

#include "actors/server/server_context.hpp"

namespace djabberd::metrics {

struct plugin_stat {
  std::string vhost;
  std::string name;  ///< as the plugin names it, e.g. "filter_pattern.dropped"
  std::uint64_t value = 0;
};

/// Runs stats.collect on every vhost (at most two seconds each) and returns what the plugins
/// answered, vhosts in config order.
std::vector<plugin_stat> collect_plugin_stats(caf::blocking_actor* self,
                                              const server_context& server);

}  // namespace djabberd::metrics
