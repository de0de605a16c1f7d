// Byte relay between a TCP socket (owned by this broker) and a scheduled stream actor.
#include "actors/net/byte_relay.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"

namespace djabberd::net {

namespace {

/// Read size per event: the scribe keeps a buffer of this size for the connection's lifetime,
/// so it is a direct per-connection memory cost (docs/performance.md).
constexpr std::size_t read_size = 2048;

}  // namespace

std::string peer_of(caf::io::broker* self, caf::io::connection_handle hdl) {
  return self->remote_addr(hdl) + ":" + std::to_string(self->remote_port(hdl));
}

caf::behavior byte_relay(caf::io::broker* self, caf::io::connection_handle hdl, caf::actor stream) {
  self->monitor(stream);
  self->set_down_handler([self, hdl](caf::down_msg&) {
    self->close(hdl);
    self->quit();
  });
  self->configure_read(hdl, caf::io::receive_policy::at_most(read_size));
  return {
      [self, stream](const caf::io::new_data_msg& msg) {
        self->send(stream, atoms::data::value, std::string(msg.buf.begin(), msg.buf.end()));
      },
      [self, hdl](atoms::data, const std::string& bytes) {
        self->write(hdl, bytes.size(), bytes.data());
        self->flush(hdl);
      },
      [self, hdl](atoms::close) {
        self->close(hdl);  // unwritten data is still sent
        self->quit();
      },
      [self, stream](const caf::io::connection_closed_msg&) {
        self->send(stream, atoms::closed::value);
        self->quit();
      },
  };
}

}  // namespace djabberd::net
