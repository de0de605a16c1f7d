// Runs a collect hook chain: every handler runs and each handled answer adds one part.
#pragma once

#include <functional>
#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// Asks every handler of `id` in order with `request`. Each `handled(part...)` appends its payload
/// to the parts; `declined`, errors and timeouts add nothing (errors and timeouts are logged and
/// counted). `done` runs in `self`'s context exactly once with the parts in chain order
/// (immediately, without any message, if the chain is empty).
void run_collect(caf::event_based_actor* self, hook_table_ptr table, hook_id id,
                 caf::message request, std::function<void(std::vector<caf::message>)> done);

}  // namespace djabberd::hooks
