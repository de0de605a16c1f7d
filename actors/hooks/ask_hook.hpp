// Running a hook chain from a blocking actor (the admin socket, the metrics endpoint): through a
// short-lived hook runner, waiting a bounded time.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <caf/blocking_actor.hpp>
#include <caf/message.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::hooks {

/// Runs the first-answer chain `id`; the handled payload, or nullopt when every handler declined
/// or the chain did not answer within `wait`.
std::optional<caf::message> ask_first(caf::blocking_actor* self, const hook_table_ptr& table,
                                      hook_id id, caf::message request,
                                      std::chrono::milliseconds wait);

/// Runs the collect chain `id`; every handled part (none if it did not answer within `wait`).
std::vector<caf::message> ask_collect(caf::blocking_actor* self, const hook_table_ptr& table,
                                      hook_id id, caf::message request,
                                      std::chrono::milliseconds wait);

}  // namespace djabberd::hooks
