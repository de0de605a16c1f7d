// The c2s acceptor: one broker owning every listening socket.
#include "actors/c2s/listener.hpp"

#include <memory>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/admission.hpp"
#include "actors/c2s/connection.hpp"
#include "actors/c2s/refusal.hpp"
#include "actors/c2s/tcp_keepalive.hpp"
#include "actors/log.hpp"
#include "actors/net/listening_broker.hpp"
#include "actors/server/metrics.hpp"

namespace djabberd::c2s {

namespace {

/// How long an accept waits for the auth guard's ban check before admitting anyway.
constexpr auto ban_check_timeout = std::chrono::seconds(2);

struct listener_state {
  net::listen_kinds direct_tls;                ///< per listening socket
  std::unique_ptr<admission> unauthenticated;  ///< limits.max_unauth_*
  static inline const char* name = "c2s-listener";
};

using listener_actor = caf::stateful_actor<listener_state, caf::io::broker>;

// Sends a stream error and closes (on a direct-TLS socket there is no TLS yet: only closes).
void refuse(listener_actor* self, const server_context& server, caf::io::connection_handle hdl,
            bool direct_tls, const std::string& text) {
  log::info("limits", "refused a connection from ", self->remote_addr(hdl), ": ", text);
  if (!direct_tls) {
    auto bytes = refusal(server.default_vhost().domain, xml::stream_error::policy_violation, text);
    self->write(hdl, bytes.size(), bytes.data());
    self->flush(hdl);
  }
  self->close(hdl);
}

// Admits the connection under the unauthenticated-connection caps and forks its broker.
void admit(listener_actor* self, const server_context_ptr& server, const caf::actor& registry,
           caf::io::connection_handle hdl, bool direct_tls) {
  std::string address = self->remote_addr(hdl);
  switch (self->state.unauthenticated->admit(address)) {
    case admission::verdict::address_full:
      metrics::refused_unauth();
      return refuse(self, *server, hdl, direct_tls,
                    "too many unauthenticated connections from " + address);
    case admission::verdict::server_full:
      metrics::refused_unauth();
      return refuse(self, *server, hdl, direct_tls, "too many unauthenticated connections");
    case admission::verdict::admitted:
      break;
  }
  self->fork(connection, hdl, server, registry, direct_tls, caf::actor_cast<caf::actor>(self));
}

caf::behavior listener(listener_actor* self, server_context_ptr server, caf::actor registry,
                       caf::actor report_to) {
  const auto& limits = server->config.limits;
  self->state.unauthenticated =
      std::make_unique<admission>(limits.max_unauth_per_ip, limits.max_unauth_total);
  self->send(report_to, net::open_listening_sockets(
                            self, server->config.c2s.listen, server->config.c2s.direct_tls_listen,
                            self->state.direct_tls, "listener", "listening"));
  return {
      [self, server, registry](const caf::io::new_connection_msg& msg) {
        bool direct_tls = self->state.direct_tls[msg.source];
        auto hdl = msg.handle;
        if (server->config.limits.tcp_keepalive && !enable_tcp_keepalive(hdl.id()))
          log::debug("limits", "could not enable TCP keepalive on a client socket");
        // A banned address is refused before anything else; the socket stays with the
        // listener until the guard answers.
        self->request(server->auth_guard, ban_check_timeout, atoms::banned::value,
                      self->remote_addr(hdl))
            .then(
                [=](const std::string& ban) {
                  if (ban.empty()) return admit(self, server, registry, hdl, direct_tls);
                  metrics::refused_banned();
                  refuse(self, *server, hdl, direct_tls, ban);
                },
                [=](caf::error&) { admit(self, server, registry, hdl, direct_tls); });
      },
      [self](atoms::unauth_end, const std::string& address) {
        self->state.unauthenticated->release(address);
      },
      [self](atoms::shutdown) { net::close_and_quit(self, self->state.direct_tls); },
      [](const caf::io::acceptor_closed_msg&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, server_context_ptr server,
                                         caf::actor registry) {
  return net::spawn_listening_broker(sys, "listener", listener, std::move(server),
                                     std::move(registry));
}

}  // namespace djabberd::c2s
