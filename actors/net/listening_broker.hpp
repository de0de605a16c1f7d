// What the c2s and s2s acceptor brokers share: binding their listening sockets, closing them on
// shutdown, and spawning them so that start-up learns whether every socket is bound.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "config/listen_address.hpp"

namespace djabberd::net {

/// Per listening socket of a broker: whether it takes direct TLS (true) or STARTTLS (false).
using listen_kinds = std::map<caf::io::accept_handle, bool>;

/// Binds every address of `starttls` and `direct_tls` (SO_REUSEADDR) for `self` to accept on,
/// records each socket's kind in `kinds` and logs "<announcement> kind=starttls|direct_tls
/// address=HOST:PORT" (the port really bound) under `component`. Returns "" or, for each address
/// that failed, "cannot listen on ADDRESS: reason".
std::string open_listening_sockets(caf::io::abstract_broker* self,
                                   const std::vector<config::listen_address>& starttls,
                                   const std::vector<config::listen_address>& direct_tls,
                                   listen_kinds& kinds, std::string_view component,
                                   std::string_view announcement);

/// Closes every listening socket in `kinds` and quits (a broker's answer to atoms::shutdown).
void close_and_quit(caf::io::abstract_broker* self, const listen_kinds& kinds);

/// Spawns the broker `fun(self, xs..., report_to)`, which binds its sockets and sends report_to
/// a std::string: "" or its errors. Start-up only: blocks the calling (main) thread for up to
/// 10 s until that report. On errors (or no report: "<name> did not report") the broker is shut
/// down and the result is sec::cannot_open_port with the text.
template <class F, class... Ts>
caf::expected<caf::actor> spawn_listening_broker(caf::actor_system& sys, std::string_view name,
                                                 F fun, Ts&&... xs) {
  caf::scoped_actor caller{sys};
  auto actor = sys.middleman().spawn_broker(fun, std::forward<Ts>(xs)..., caf::actor{caller});
  std::string errors = std::string{name} + " did not report";
  caller->receive([&](const std::string& err) { errors = err; },
                  caf::after(std::chrono::seconds(10)) >> [] {});
  if (!errors.empty()) {
    caf::anon_send(actor, atoms::shutdown::value);
    return caf::make_error(caf::sec::cannot_open_port, errors);
  }
  return actor;
}

}  // namespace djabberd::net
