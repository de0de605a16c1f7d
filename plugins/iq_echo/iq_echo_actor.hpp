// The iq_echo handler actor: answers echo gets at once or after a delay through a promise.
#pragma once

#include <chrono>
#include <deque>
#include <utility>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/hooks/reply.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::iq_echo {

/// Late answers waiting for their delayed message (all delays are equal, so first in, first out).
struct echo_state {
  static inline const char* name = "iq_echo";
  std::deque<std::pair<hooks::promise, xml::element_ptr>> waiting;
};

/// iq.c2s handler: for a get whose payload is <echo xmlns='urn:djabberd:example:echo'/>,
/// handled(result carrying a copy of the payload), after `delay` if non-zero; declined otherwise.
/// stream.features handler: handled(<echo xmlns='urn:djabberd:example:echo'/>).
/// session.bound / session.unbound handler: logs the session at debug (an example of notify).
caf::behavior echo_actor(caf::stateful_actor<echo_state>* self, std::chrono::milliseconds delay);

}  // namespace djabberd::plugins::iq_echo
