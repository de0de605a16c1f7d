// Is a remote server's certificate good for its domain? PKIX + RFC 6125, then tls.verify_peer.
#pragma once

#include <functional>
#include <string>

#include <caf/event_based_actor.hpp>

#include "actors/s2s/s2s_context.hpp"
#include "actors/tls/tls_stream.hpp"

namespace djabberd::s2s {

/// Evaluates the peer certificate of `session` for `remote_domain` (chain verified against the
/// trust store, name matched per RFC 6125), lets the vhost's tls.verify_peer hook override the
/// verdict, and calls `done(trusted)` in `self`'s context.
void check_peer(caf::event_based_actor* self, const s2s_context& ctx, const std::string& local,
                const std::string& remote_domain, const tls::stream& session,
                std::function<void(bool)> done);

}  // namespace djabberd::s2s
