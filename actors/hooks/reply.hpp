// How a hook handler answers: handled(result...) or declined, now or later through a promise.
#pragma once

#include <caf/message.hpp>
#include <caf/result.hpp>
#include <caf/typed_response_promise.hpp>

#include "actors/atoms.hpp"

namespace djabberd::hooks {

/// The reply type of every hook handler: (atoms::handled or atoms::declined, result payload).
using reply = caf::result<caf::atom_value, caf::message>;

/// A promise for a handler that answers later (e.g. after asking a storage actor).
using promise = caf::typed_response_promise<caf::atom_value, caf::message>;

/// The handler takes the event; the chain stops and the caller gets `xs...`.
template <class... Ts>
reply handled(Ts&&... xs) {
  return {caf::atom_value{atoms::handled::value}, caf::make_message(std::forward<Ts>(xs)...)};
}

/// The handler passes; the next handler in the chain runs.
inline reply declined() {
  return {caf::atom_value{atoms::declined::value}, caf::message{}};
}

/// Late answer through a promise: handled.
template <class... Ts>
void deliver_handled(promise& rp, Ts&&... xs) {
  rp.deliver(caf::atom_value{atoms::handled::value}, caf::make_message(std::forward<Ts>(xs)...));
}

/// Late answer through a promise: declined.
inline void deliver_declined(promise& rp) {
  rp.deliver(caf::atom_value{atoms::declined::value}, caf::message{});
}

}  // namespace djabberd::hooks
