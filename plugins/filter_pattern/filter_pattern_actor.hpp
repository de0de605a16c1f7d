// The filter_pattern handler actor: answers c2s.filter and counts what it drops.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "plugins/filter_pattern/filter_rule.hpp"

namespace djabberd::plugins::filter_pattern {

/// The actor's state: its rule and the number of stanzas it dropped.
struct filter_state {
  static inline const char* name = "filter_pattern";
  std::shared_ptr<const filter_rule> rule;
  std::uint64_t dropped = 0;
};

/// c2s.filter handler: handled(true) (drop) for a matching stanza, declined otherwise.
/// outbound.pre_write handler: handled(nullptr) (drop) for a matching stanza, declined otherwise.
caf::behavior filter_actor(caf::stateful_actor<filter_state>* self,
                           std::shared_ptr<const filter_rule> rule);

}  // namespace djabberd::plugins::filter_pattern
