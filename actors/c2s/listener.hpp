// Opens the c2s listening sockets and forks a connection broker per accepted client.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/server/server_context.hpp"

namespace djabberd::c2s {

/// Spawns the listener broker: binds every c2s.listen (STARTTLS) and c2s.direct_tls_listen
/// address, logging "listening kind=... address=HOST:PORT" for each. Returns an error text if a
/// socket cannot be bound. (atoms::shutdown) closes the listening sockets.
caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, server_context_ptr server,
                                         caf::actor registry);

}  // namespace djabberd::c2s
