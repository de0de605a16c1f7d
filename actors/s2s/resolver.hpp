// Where to connect for a remote domain's XMPP server: static routes, then DNS SRV (RFC 6120
// §3.2, XEP-0368), then the domain itself on 5269. Asynchronous: an actor driving c-ares.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "config/config.hpp"

namespace djabberd::s2s {

/// One place to try, in order of preference.
struct endpoint {
  std::string host;  ///< a host name or an IP literal (connect resolves names with A/AAAA)
  std::uint16_t port = 5269;
  bool direct_tls = false;  ///< from _xmpps-server._tcp (XEP-0368): TLS from the first byte
};

/// Spawns the resolver actor for the [s2s] config (routes, dns_servers).
///
/// Request: (atoms::resolve, std::string domain) -> std::vector<endpoint>, ordered: a static route
/// alone if one matches; else SRV targets of _xmpps-server._tcp and _xmpp-server._tcp merged by
/// priority then weight (RFC 2782 weighted order); else {domain, 5269, false} when no SRV record
/// exists; empty when the SRV answer is "." (the domain offers no XMPP service) or DNS fails.
caf::actor spawn_resolver(caf::actor_system& sys, const config::s2s_config& config);

}  // namespace djabberd::s2s
