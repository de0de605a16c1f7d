// The handler actor of one hook for extprog: hook request -> JSON inputs -> core -> promise.
#pragma once

#include <chrono>

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_id.hpp"

namespace djabberd::plugins::extprog {

/// Joins hook `id` (one of supported_hooks()): turns each request into the hook's named JSON
/// inputs, asks `core` (extprog_core_actor) and answers through a hooks::promise: handled with
/// the payload decoded from the reply, or declined when the program declined, gave no usable
/// answer, or a payload of the wrong shape (logged). `core_timeout` bounds the wait for the core
/// (which answers within the program timeout itself). Sends `core` an exit when it quits.
caf::behavior extprog_hook_actor(caf::event_based_actor* self, hooks::hook_id id, caf::actor core,
                                 std::chrono::milliseconds core_timeout);

}  // namespace djabberd::plugins::extprog
