// The c2s acceptor: one broker owning every listening socket.
#include "actors/c2s/listener.hpp"

#include <map>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/connection.hpp"
#include "actors/log.hpp"

namespace djabberd::c2s {

namespace {

struct listener_state {
  std::map<caf::io::accept_handle, bool> direct_tls;  ///< per listening socket
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

caf::behavior listener(listener_actor* self, server_context_ptr server, caf::actor registry,
                       caf::actor report_to) {
  std::string errors;
  for (const auto& addr : server->config.c2s.listen) errors += open(self, addr, false);
  for (const auto& addr : server->config.c2s.direct_tls_listen) errors += open(self, addr, true);
  self->send(report_to, errors);
  return {
      [self, server, registry](const caf::io::new_connection_msg& msg) {
        bool direct_tls = self->state.direct_tls[msg.source];
        self->fork(connection, msg.handle, server, registry, direct_tls);
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
