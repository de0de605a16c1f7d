// Outgoing TCP connections for s2s without blocking the event loop.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/blocking_actor.hpp>

#include "actors/s2s/resolver.hpp"

namespace djabberd::s2s {

/// A detached actor: tries `endpoints` in order (name lookup, then a non-blocking connect bounded
/// by what is left of `timeout`), sends `reply_to` (atoms::connected, int fd, bool direct_tls,
/// std::string peer) for the first that accepts, or (atoms::connect_failed, std::string why),
/// then ends. CAF 0.17 only connects synchronously (and on the multiplexer thread for brokers),
/// and getaddrinfo blocks as well, so this runs on its own thread; the socket then goes to a
/// broker (spawn_socket_broker).
void connector(caf::blocking_actor* self, std::vector<endpoint> endpoints,
               std::chrono::milliseconds timeout, caf::actor reply_to);

/// Spawns the broker that owns connected socket `fd` and relays its bytes for `stream`.
caf::actor spawn_socket_broker(caf::actor_system& sys, int fd, caf::actor stream);

}  // namespace djabberd::s2s
