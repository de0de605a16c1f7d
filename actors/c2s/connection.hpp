// The socket side of a client connection: a thin broker that only moves bytes.
#pragma once

#include <caf/io/broker.hpp>

#include "actors/server/server_context.hpp"

namespace djabberd::c2s {

/// Forked by the listener for each accepted socket. Spawns the connection's session actor and
/// relays: socket bytes -> (atoms::data, std::string) to the session; (atoms::data, bytes) from
/// the session -> socket; (atoms::close) -> flush and close. Ends with its session and vice versa.
/// Enforces the per-connection [limits] (connection_guard); `listener` counted the connection as
/// unauthenticated and gets (atoms::unauth_end, address) when that ends.
/// All brokers share CAF's single multiplexer thread, so nothing here parses or encrypts.
caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl,
                         server_context_ptr server, caf::actor registry, bool direct_tls,
                         caf::actor listener);

}  // namespace djabberd::c2s
