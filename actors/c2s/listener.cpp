// The c2s acceptor: one broker owning every listening socket.
#include "actors/c2s/listener.hpp"

#include <map>
#include <memory>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/admission.hpp"
#include "actors/c2s/connection.hpp"
#include "actors/c2s/refusal.hpp"
#include "actors/c2s/tcp_keepalive.hpp"
#include "actors/log.hpp"
#include "actors/server/metrics.hpp"

namespace djabberd::c2s {

namespace {

/// How long an accept waits for the auth guard's ban check before admitting anyway.
constexpr auto ban_check_timeout = std::chrono::seconds(2);

struct listener_state {
  std::map<caf::io::accept_handle, bool> direct_tls;  ///< per listening socket
  std::unique_ptr<admission> unauthenticated;         ///< limits.max_unauth_*
  static inline const char* name = "c2s-listener";
};

using listener_actor = caf::stateful_actor<listener_state, caf::io::broker>;

std::string format_address(const std::string& host, std::uint16_t port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Binds one address; returns an error text or "".
std::string open(listener_actor* self, const config::listen_address& addr, bool direct_tls) {
  auto res = self->add_tcp_doorman(addr.port, addr.host.c_str(), true);
  if (!res) return "cannot listen on " + addr.str() + ": " + self->system().render(res.error());
  self->state.direct_tls[res->first] = direct_tls;
  log::info("listener", "listening kind=", direct_tls ? "direct_tls" : "starttls",
            " address=", format_address(addr.host, res->second));
  return {};
}

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
  std::string errors;
  for (const auto& addr : server->config.c2s.listen) errors += open(self, addr, false);
  for (const auto& addr : server->config.c2s.direct_tls_listen) errors += open(self, addr, true);
  self->send(report_to, errors);
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
      [self](atoms::shutdown) {
        for (auto& [hdl, _] : self->state.direct_tls) self->close(hdl);
        self->quit();
      },
      [](const caf::io::acceptor_closed_msg&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, server_context_ptr server,
                                         caf::actor registry) {
  // Start-up only: the main thread waits for the broker to report that its sockets are bound.
  caf::scoped_actor caller{sys};
  auto actor = sys.middleman().spawn_broker(listener, std::move(server), std::move(registry),
                                            caf::actor{caller});
  std::string errors = "listener did not report";
  caller->receive([&](const std::string& err) { errors = err; },
                  caf::after(std::chrono::seconds(10)) >> [] {});
  if (!errors.empty()) {
    caf::anon_send(actor, atoms::shutdown::value);
    return caf::make_error(caf::sec::cannot_open_port, errors);
  }
  return actor;
}

}  // namespace djabberd::c2s
