// The Prometheus text exposition (format 0.0.4) of the counters and the vhosts' hook counters.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "actors/server/plugin_stats.hpp"
#include "actors/server/server_context.hpp"

namespace djabberd::metrics {

/// Renders every counter of metrics::snapshot(), `sessions` (bound now), the hook counters of
/// each vhost, the plugins' own counters, the resident memory and `uptime` as Prometheus text.
std::string prometheus_text(const server_context& server, std::size_t sessions,
                            std::chrono::seconds uptime,
                            const std::vector<plugin_stat>& plugin_stats = {});

}  // namespace djabberd::metrics
