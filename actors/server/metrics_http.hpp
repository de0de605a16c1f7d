// The optional Prometheus endpoint ([metrics] listen): GET /metrics over plain HTTP/1.0.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/server/server_context.hpp"

namespace djabberd::metrics {

/// A running endpoint; stop() it before the router goes away.
struct http_handle {
  caf::actor actor;
  std::shared_ptr<std::atomic<bool>> stop_flag;
};

/// Listens on `server->config.metrics.listen` (nothing when absent) and logs
/// "metrics listening address=HOST:PORT". Returns a handle without actor, `error` set, when the
/// address cannot be bound.
http_handle start_http(caf::actor_system& sys, server_context_ptr server,
                       std::chrono::steady_clock::time_point started, std::string& error);

/// Stops serving and waits for the actor.
void stop_http(caf::actor_system& sys, http_handle& h);

}  // namespace djabberd::metrics
