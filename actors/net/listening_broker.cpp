// open_listening_sockets and close_and_quit for the acceptor brokers.
#include "actors/net/listening_broker.hpp"

#include "actors/log.hpp"

namespace djabberd::net {

std::string open_listening_sockets(caf::io::abstract_broker* self,
                                   const std::vector<config::listen_address>& starttls,
                                   const std::vector<config::listen_address>& direct_tls,
                                   listen_kinds& kinds, std::string_view component,
                                   std::string_view announcement) {
  std::string errors;
  auto open = [&](const config::listen_address& addr, bool is_direct_tls) {
    auto res = self->add_tcp_doorman(addr.port, addr.host.c_str(), true);
    if (!res) {
      errors += "cannot listen on " + addr.str() + ": " + self->system().render(res.error());
      return;
    }
    kinds[res->first] = is_direct_tls;
    config::listen_address bound{addr.host, res->second};
    log::info(component, announcement, " kind=", is_direct_tls ? "direct_tls" : "starttls",
              " address=", bound.str());
  };
  for (const auto& addr : starttls) open(addr, false);
  for (const auto& addr : direct_tls) open(addr, true);
  return errors;
}

void close_and_quit(caf::io::abstract_broker* self, const listen_kinds& kinds) {
  for (const auto& [hdl, _] : kinds) self->close(hdl);
  self->quit();
}

}  // namespace djabberd::net
