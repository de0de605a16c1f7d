// The atoms exchanged between extprog's actors and its I/O threads (local only).
#pragma once

#include <caf/atom.hpp>

namespace djabberd::plugins::extprog {

/// hook actor -> core: (call, hook name, vhost, encoded inputs); answered with the reply line
/// ("" = no usable answer: declined).
using call_atom = caf::atom_constant<caf::atom("xpcall")>;
/// I/O thread -> core: (line, instance, generation, text).
using line_atom = caf::atom_constant<caf::atom("xpline")>;
/// I/O thread -> core: (exited, instance, generation, description).
using exited_atom = caf::atom_constant<caf::atom("xpexited")>;
/// core -> itself: (timeout, id).
using timeout_atom = caf::atom_constant<caf::atom("xptimeout")>;
/// core -> itself: (restart, instance).
using restart_atom = caf::atom_constant<caf::atom("xprestart")>;

}  // namespace djabberd::plugins::extprog
