// The s2s acceptor: one broker owning every federation listening socket.
#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/net/byte_relay.hpp"
#include "actors/net/listening_broker.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/manager.hpp"

namespace djabberd::s2s {

namespace {

struct listener_state {
  net::listen_kinds direct_tls;  ///< per listening socket
  static inline const char* name = "s2s-listener";
};

using listener_actor = caf::stateful_actor<listener_state, caf::io::broker>;

caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl, s2s_context_ptr ctx,
                         caf::actor manager, bool direct_tls) {
  auto stream = self->spawn(inbound_stream, caf::actor{self}, std::move(ctx), std::move(manager),
                            net::peer_of(self, hdl), direct_tls);
  return net::byte_relay(self, hdl, stream);
}

caf::behavior listener(listener_actor* self, s2s_context_ptr ctx, caf::actor manager,
                       caf::actor report_to) {
  // Not "listening kind=": that phrase announces c2s ports to the test harness.
  self->send(report_to, net::open_listening_sockets(self, ctx->config().listen,
                                                    ctx->config().direct_tls_listen,
                                                    self->state.direct_tls, "s2s", "s2s listener"));
  return {
      [self, ctx, manager](const caf::io::new_connection_msg& msg) {
        bool direct_tls = self->state.direct_tls[msg.source];
        self->fork(connection, msg.handle, ctx, manager, direct_tls);
      },
      [self](atoms::shutdown) { net::close_and_quit(self, self->state.direct_tls); },
      [](const caf::io::acceptor_closed_msg&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, s2s_context_ptr ctx,
                                         caf::actor manager) {
  return net::spawn_listening_broker(sys, "s2s listener", listener, std::move(ctx),
                                     std::move(manager));
}

}  // namespace djabberd::s2s
