// Runs a first-answer hook chain from inside the asking actor, one handler at a time.
#pragma once

#include <functional>

#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// What a chain produced.
struct chain_result {
  bool handled = false;  ///< false: every handler declined (or failed): apply the hook's default
  caf::message payload;  ///< the handler's result when handled
  /// Not handled, and at least one handler failed (error or timeout): callers that must not
  /// mistake a broken backend for "nothing stored" (e.g. roster.get) check this.
  bool failed = false;
};

/// Asks each handler of `id` in turn with `request` (whose first element is the hook's atom).
/// The first `handled` stops the chain. A handler that errors or exceeds the hook's timeout is
/// logged, counted and treated as declined, so a broken plugin never hangs the caller.
/// `done` runs in `self`'s context exactly once (immediately if the chain is empty).
void run_chain(caf::event_based_actor* self, hook_table_ptr table, hook_id id, caf::message request,
               std::function<void(chain_result)> done);

}  // namespace djabberd::hooks
