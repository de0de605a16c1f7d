// Federation entry points: the s2s manager (one outbound stream per domain pair) and the
// inbound listener.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/s2s/s2s_context.hpp"

namespace djabberd::s2s {

/// Spawns the manager. Messages:
/// - (atoms::route, xml::element_ptr stanza): a stanza from a local domain to a remote one; goes
///   to the outbound stream for (from domain, to domain), created on demand, which queues it
///   while it connects and bounces it if it cannot deliver.
/// - (atoms::db_verify, std::string local, std::string remote, std::string stream_id,
///   std::string key) -> bool: XEP-0220 verification of a key `remote` presented to `local`,
///   asked on the outbound stream local -> remote.
/// - (atoms::s2s_stream) from an inbound stream actor: tracked for shutdown.
/// - (atoms::shutdown) -> bool: closes every stream; answers once all are gone.
caf::actor spawn_manager(caf::actor_system& sys, s2s_context_ptr ctx);

/// Opens [s2s] listen (STARTTLS) and direct_tls_listen (XEP-0368) and forks an inbound stream
/// per connection. Each bound address is logged as "s2s listener kind=starttls|direct_tls
/// address=HOST:PORT". Start-up only (waits for the sockets to be bound).
caf::expected<caf::actor> spawn_listener(caf::actor_system& sys, s2s_context_ptr ctx,
                                         caf::actor manager);

}  // namespace djabberd::s2s
