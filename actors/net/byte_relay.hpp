// The socket side of any XMPP stream (c2s, s2s in and out): a thin broker that only moves bytes.
#pragma once

#include <caf/io/broker.hpp>

namespace djabberd::net {

/// Behavior of a broker owning `hdl` that relays for `stream`, a scheduled actor: socket bytes
/// -> (atoms::data, std::string) to the stream; (atoms::data, bytes) from it -> socket;
/// (atoms::close) -> flush and close; peer closed -> (atoms::closed). Ends with the stream and
/// vice versa. All brokers share CAF's single multiplexer thread, so nothing here parses or
/// encrypts.
caf::behavior byte_relay(caf::io::broker* self, caf::io::connection_handle hdl, caf::actor stream);

/// "ip:port" of the peer of `hdl`, for logs.
std::string peer_of(caf::io::broker* self, caf::io::connection_handle hdl);

}  // namespace djabberd::net
