// The s2s acceptor: one broker owning every federation listening socket.
#include <map>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/net/byte_relay.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/manager.hpp"

namespace djabberd::s2s {

namespace {

struct listener_state {
  std::map<caf::io::accept_handle, bool> direct_tls;  ///< per listening socket
  static inline const char* name = "s2s-listener";
};

using listener_actor = caf::stateful_actor<listener_state, caf::io::broker>;

caf::behavior connection(caf::io::broker* self, caf::io::connection_handle hdl, s2s_context_ptr ctx,
                         caf::actor manager, bool direct_tls) {
  auto stream = self->spawn(inbound_stream, caf::actor{self}, std::move(ctx), std::move(manager),
                            net::peer_of(self, hdl), direct_tls);
  return net::byte_relay(self, hdl, stream);
}

std::string open(listener_actor* self, const config::listen_address& addr, bool direct_tls) {
  auto res = self->add_tcp_doorman(addr.port, addr.host.c_str(), true);
  if (!res) return "cannot listen on " + addr.str() + ": " + self->system().render(res.error());
  self->state.direct_tls[res->first] = direct_tls;
  config::listen_address bound{addr.host, res->second};
  // Not "listening kind=": that phrase announces c2s ports to the test harness.
  log::info("s2s", "s2s listener kind=", direct_tls ? "direct_tls" : "starttls",
            " address=", bound.str());
  return {};
}

caf::behavior listener(listener_actor* self, s2s_context_ptr ctx, caf::actor manager,
                       caf::actor report_to) {
  std::string errors;
  for (const auto& addr : ctx->config().listen) errors += open(self, addr, false);
  for (const auto& addr : ctx->config().direct_tls_listen) errors += open(self, addr, true);
  self->send(report_to, errors);
  return {
      [self, ctx, manager](const caf::io::new_connection_msg& msg) {
        bool direct_tls = self->state.direct_tls[msg.source];
        self->fork(connection, msg.handle, ctx, manager, direct_tls);
      },
      [self](atoms::shutdown) {
        for (auto& [hdl, _] : self->state.direct_tls) self->close(hdl);
        self->quit();
      },
      [](const caf::io::acceptor_closed_msg&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, s2s_context_ptr ctx,
                                         caf::actor manager) {
  // Start-up only: the main thread waits for the broker to report that its sockets are bound.
  caf::scoped_actor caller{sys};
  auto actor = sys.middleman().spawn_broker(listener, std::move(ctx), std::move(manager),
                                            caf::actor{caller});
  std::string errors = "s2s listener did not report";
  caller->receive([&](const std::string& err) { errors = err; },
                  caf::after(std::chrono::seconds(10)) >> [] {});
  if (!errors.empty()) {
    caf::anon_send(actor, atoms::shutdown::value);
    return caf::make_error(caf::sec::cannot_open_port, errors);
  }
  return actor;
}

}  // namespace djabberd::s2s
