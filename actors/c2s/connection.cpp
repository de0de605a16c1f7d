// A client connection's broker: spawns the session and relays bytes with the c2s limits (read
// rate, write queue); s2s streams use the plain actors/net/byte_relay.
#include "actors/c2s/connection.hpp"

#include <sys/socket.h>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/connection_guard.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/log.hpp"
#include "actors/server/metrics_actor.hpp"

namespace djabberd::c2s {

namespace {

/// Read size per event: the scribe keeps a buffer of this size for the connection's lifetime,
/// so it is a direct per-connection memory cost (docs/performance.md).
constexpr std::size_t read_size = 2048;

/// How long a client that stopped reading gets to take its stream error before the socket is
/// dropped with whatever it has not read.
constexpr auto slow_reader_grace = std::chrono::seconds(5);

}  // namespace

caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl,
                         server_context_ptr server, caf::actor registry, bool direct_tls,
                         caf::actor listener) {
  std::string address = self->remote_addr(hdl);
  std::string peer = address + ":" + std::to_string(self->remote_port(hdl));
  auto guard = std::make_shared<connection_guard>(self, hdl, server->config.limits,
                                                  std::move(listener), address);
  auto session_actor = self->spawn(session, caf::actor{self}, std::move(server), peer, direct_tls);
  self->send(registry, atoms::add::value, session_actor);
  metrics::track_connection(session_actor);
  self->monitor(session_actor);
  // Closing a socket whose client does not read would wait for it forever: close once the queue
  // has drained, or drop the connection after a grace period.
  auto finish = [self, hdl, guard] {
    if (!guard->overflowed()) {
      self->close(hdl);  // unwritten data is still sent
      self->quit();
      return;
    }
    self->ack_writes(hdl, true);
    self->delayed_send(self, slow_reader_grace, atoms::hard_close::value);
  };
  self->set_down_handler([finish](caf::down_msg&) { finish(); });
  self->configure_read(hdl, caf::io::receive_policy::at_most(read_size));
  guard->start_reading();
  return {
      [self, session_actor, guard](const caf::io::new_data_msg& msg) {
        self->send(session_actor, atoms::data::value, std::string(msg.buf.begin(), msg.buf.end()));
        guard->after_read(msg.buf.size());
      },
      [guard](const caf::io::connection_passivated_msg&) { guard->grant_used(read_size); },
      [guard](atoms::read_again) { guard->read_again(); },
      [self, hdl, session_actor, guard](atoms::data, const std::string& bytes) {
        self->write(hdl, bytes.size(), bytes.data());
        self->flush(hdl);
        if (guard->write_queue_overflowed()) {
          // The client stopped reading: the session appends its stream error and closes; what
          // it wrote meanwhile is still queued, but nothing grows past that.
          self->send(session_actor, atoms::kick::value,
                     static_cast<int>(xml::stream_error::policy_violation),
                     std::string("the client does not read what it is sent"));
        }
      },
      [guard](atoms::authed) { guard->authenticated(); },
      [finish](atoms::close) { finish(); },
      [self, hdl](const caf::io::data_transferred_msg& msg) {
        if (msg.remaining > 0) return;
        self->close(hdl);
        self->quit();
      },
      [self, hdl](atoms::hard_close) {
        // The handle is still ours (not closed), so its id is still this socket (CAF 0.17's
        // default multiplexer uses the descriptor as the id); shutdown makes CAF's pending
        // write fail and frees the socket.
        // Linger 0: the close that follows resets the connection instead of waiting for a peer
        // that does not read to take what the kernel still buffers for it.
        auto fd = static_cast<int>(hdl.id());
        ::linger hard{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
        ::shutdown(fd, SHUT_RDWR);
        self->close(hdl);
        self->quit();
      },
      [self, session_actor](const caf::io::connection_closed_msg&) {
        self->send(session_actor, atoms::closed::value);
        self->quit();
      },
  };
}

}  // namespace djabberd::c2s
