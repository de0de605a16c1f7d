// A client connection's broker: spawns the session, then relays bytes (actors/net/byte_relay).
#include "actors/c2s/connection.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/net/byte_relay.hpp"
#include "actors/server/metrics_actor.hpp"

namespace djabberd::c2s {

caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl,
                         server_context_ptr server, caf::actor registry, bool direct_tls) {
  auto session_actor = self->spawn(session, caf::actor{self}, std::move(server),
                                   net::peer_of(self, hdl), direct_tls);
  self->send(registry, atoms::add::value, session_actor);
  metrics::track_connection(session_actor);
  return net::byte_relay(self, hdl, session_actor);
}

}  // namespace djabberd::c2s
