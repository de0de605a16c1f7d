// Internal driver shared by every chain kind: ask the handlers of a hook one at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// One walk over a chain. A handler that errors or times out is logged, counted and passed to
/// `answer` as declined.
struct sequence {
  hook_table_ptr table;
  hook_id id;
  /// The request for the next handler (transform chains change it as they go).
  std::function<caf::message()> request;
  /// Gets each answer; returns true to stop the walk early.
  std::function<bool(bool handled, caf::message& payload)> answer;
  /// Runs once, after the last handler answered or `answer` returned true.
  std::function<void()> finish;
  std::size_t next = 0;
  bool failed = false;  ///< some handler errored or timed out
};

/// Starts (or continues) the walk from `self`; calls `finish` at once when nothing is left.
void run_sequence(caf::event_based_actor* self, std::shared_ptr<sequence> seq);

}  // namespace djabberd::hooks
