// Byte relay between a TCP socket (owned by this broker) and the scheduled session actor.
#include "actors/c2s/connection.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/server/metrics_actor.hpp"

namespace djabberd::c2s {

namespace {

/// Read size per event: the scribe keeps a buffer of this size for the connection's lifetime,
/// so it is a direct per-connection memory cost (docs/performance.md).
constexpr std::size_t read_size = 2048;

}  // namespace

caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl,
                         server_context_ptr server, caf::actor registry, bool direct_tls) {
  std::string peer = self->remote_addr(hdl) + ":" + std::to_string(self->remote_port(hdl));
  auto session_actor = self->spawn(session, caf::actor{self}, std::move(server), peer, direct_tls);
  self->send(registry, atoms::add::value, session_actor);
  metrics::track_connection(session_actor);
  self->monitor(session_actor);
  self->set_down_handler([self, hdl](caf::down_msg&) {
    self->close(hdl);
    self->quit();
  });
  self->configure_read(hdl, caf::io::receive_policy::at_most(read_size));
  return {
      [self, session_actor](const caf::io::new_data_msg& msg) {
        self->send(session_actor, atoms::data::value, std::string(msg.buf.begin(), msg.buf.end()));
      },
      [self, hdl](atoms::data, const std::string& bytes) {
        self->write(hdl, bytes.size(), bytes.data());
        self->flush(hdl);
      },
      [self, hdl](atoms::close) {
        self->close(hdl);  // unwritten data is still sent
        self->quit();
      },
      [self, session_actor](const caf::io::connection_closed_msg&) {
        self->send(session_actor, atoms::closed::value);
        self->quit();
      },
  };
}

}  // namespace djabberd::c2s
