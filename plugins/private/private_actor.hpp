// The private XML protocol actor: checks the query and the owner, then runs the storage hooks.
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::plugins::private_xml {

/// iq.c2s: a jabber:iq:private get/set. To someone else than the user (the server's domain
/// included) -> forbidden; a query check_query() refuses -> that error; otherwise, one child at a
/// time through `runner`:
/// - get: private.get per child -> result with the stored elements (the empty element for what
///   is not stored);
/// - set: private.set per child -> empty result, or internal-server-error if one was not stored.
/// iq.account: any jabber:iq:private query to another account -> forbidden.
/// disco.server_info (no node): handled(feature jabber:iq:private).
caf::behavior private_actor(caf::event_based_actor* self, caf::actor runner, bool reject_reserved);

}  // namespace djabberd::plugins::private_xml
