// Runs a transform hook chain: every handler runs and may replace the value the next one sees.
#pragma once

#include <functional>

#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// Asks every handler of `id` in order with `prefix + value` (the prefix starts with the hook's
/// atom). `handled(x...)` makes `(x...)` the value the next handler sees; `declined`, errors and
/// timeouts keep it (errors and timeouts are logged and counted). `done` runs in `self`'s context
/// exactly once with the final value (immediately, without any message, if the chain is empty).
void run_transform(caf::event_based_actor* self, hook_table_ptr table, hook_id id,
                   caf::message prefix, caf::message value, std::function<void(caf::message)> done);

}  // namespace djabberd::hooks
