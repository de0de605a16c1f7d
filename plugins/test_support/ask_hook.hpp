// Test helper: sends one hook request to a handler actor and waits for its verdict.
#pragma once

#include <chrono>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/atoms.hpp"

namespace djabberd::plugins::testing {

/// A handler's answer: handled with a payload, declined, or an error (request failed).
struct hook_answer {
  bool answered = false;
  caf::atom_value verdict = caf::atom("");
  caf::message payload;
  std::string error;

  bool handled() const { return answered && verdict == atoms::handled::value; }
  bool declined() const { return answered && verdict == atoms::declined::value; }
};

/// Requests `(xs...)` from `handler` with a 10 s timeout and returns what it answered.
template <class... Ts>
hook_answer ask_hook(caf::actor_system& system, const caf::actor& handler, Ts&&... xs) {
  hook_answer result;
  caf::scoped_actor self{system};
  self->request(handler, std::chrono::seconds(10), std::forward<Ts>(xs)...)
      .receive(
          [&](caf::atom_value verdict, caf::message& payload) {
            result.answered = true;
            result.verdict = verdict;
            result.payload = std::move(payload);
          },
          [&](caf::error& err) { result.error = system.render(err); });
  return result;
}

}  // namespace djabberd::plugins::testing
