// A pool of connection actors behind one address: each request goes to a worker that is idle.
#pragma once

#include <cstddef>
#include <functional>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace djabberd::plugins::postgres {

/// Spawns one worker (typically a detached actor owning one pg_connection).
using worker_factory = std::function<caf::actor()>;

/// Spawns `size` workers with `make_worker` and a pool actor in front of them, and returns the
/// pool. The pool accepts any request whose answer is a hook reply (atom_value, message) or an
/// error, hands it to an idle worker (queueing it while all are busy) and forwards the answer to
/// the requester. So one slow query occupies one connection while the others go on. The workers
/// are linked to the pool and end with it.
caf::actor spawn_pool(caf::actor_system& system, std::size_t size,
                      const worker_factory& make_worker);

}  // namespace djabberd::plugins::postgres
