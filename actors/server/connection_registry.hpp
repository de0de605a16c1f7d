// Knows every live c2s session so the server can count them and shut them all down gracefully.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace djabberd {

/// Messages: (atoms::add, caf::actor session) tracks a session until it ends;
/// (atoms::count) -> std::size_t live sessions; (atoms::info) -> std::vector<std::string>: every
/// session's c2s::describe line (those that answer within 2 s); (atoms::shutdown) -> bool: sends
/// every session (atoms::shutdown) and answers true once all of them have ended.
caf::actor spawn_connection_registry(caf::actor_system& sys);

}  // namespace djabberd
