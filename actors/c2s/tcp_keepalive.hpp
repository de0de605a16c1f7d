// TCP keepalive on accepted client sockets.
#pragma once

#include <cstdint>

namespace djabberd::c2s {

/// Turns on SO_KEEPALIVE (first probe after 60 s idle, then every 10 s, 6 probes) on the socket
/// `fd`, so the kernel notices vanished peers even when XEP-0199 pings are off. CAF 0.17's default
/// multiplexer numbers a connection_handle by its socket, so the caller passes `hdl.id()`.
/// Returns false if the socket refused an option.
bool enable_tcp_keepalive(std::int64_t fd);

}  // namespace djabberd::c2s
