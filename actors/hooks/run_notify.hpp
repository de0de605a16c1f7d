// Runs a notify hook chain in the background: every handler runs, answers are ignored.
#pragma once

#include <caf/actor_system.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// Tells every handler of `id`, in order, about `request` and returns at once. The walk runs in a
/// short-lived actor of its own, so it outlives a caller that quits (e.g. a closing session) and
/// never delays it; errors and timeouts are still logged and counted. With an empty chain nothing
/// is spawned and no message is sent.
void run_notify(caf::actor_system& sys, hook_table_ptr table, hook_id id, caf::message request);

}  // namespace djabberd::hooks
