// Counting a connection from its session actor's start to its end, wherever it ends.
#pragma once

#include <caf/actor.hpp>

#include "actors/server/metrics.hpp"

namespace djabberd::metrics {

/// Counts a connection opened now and closed when `session` terminates.
inline void track_connection(const caf::actor& session) {
  connection_opened();
  session->attach_functor([] { connection_closed(); });
}

}  // namespace djabberd::metrics
