// The atoms exchanged between the auth_extauth front actor and its child actors (local only).
#pragma once

#include <caf/atom.hpp>

namespace djabberd::plugins::auth_extauth {

/// front -> child: (ask, std::string frame); the child replies int 1, 0, or -1 (failed).
using ask_atom = caf::atom_constant<caf::atom("extask")>;
/// child -> itself: start the program again after restart_delay_ms.
using restart_atom = caf::atom_constant<caf::atom("extrestart")>;

}  // namespace djabberd::plugins::auth_extauth
