// The last-activity handler actor.
#pragma once

#include <chrono>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::plugins::last {

/// iq.c2s: a jabber:iq:last get addressed to the vhost's domain -> handled(result with
/// seconds = whole seconds since `started`, XEP-0012 §5); declined otherwise.
/// disco.server_info (no node): handled(feature jabber:iq:last).
caf::behavior last_actor(caf::event_based_actor* self,
                         std::chrono::steady_clock::time_point started);

}  // namespace djabberd::plugins::last
