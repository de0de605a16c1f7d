// The actor applying a vhost's in-band registration policy (account.policy, account.created).
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "plugins/register/cidr.hpp"
#include "plugins/register/rate_limit.hpp"

namespace djabberd::plugins::register_ {

/// The `register` plugin's settings.
struct register_policy {
  std::vector<cidr> allow_from;  ///< empty: any address may register
  std::size_t max_per_ip = 5;    ///< successful registrations per address per window; 0: no limit
  std::chrono::seconds per_seconds{3600};
  std::size_t min_password_length = 8;
};

struct register_state {
  static inline const char* name = "register";
  register_policy policy;
  rate_limit registrations{0, std::chrono::seconds(1)};
};

/// account.policy -> handled(condition, text) for a new account from an address outside
/// allow_from ("forbidden"), beyond the rate limit ("policy-violation"), or for a password shorter
/// than min_password_length characters ("not-acceptable", also for password changes); declined
/// otherwise. account.created -> counts the registration against its address.
caf::behavior register_actor(caf::stateful_actor<register_state>* self, register_policy policy);

}  // namespace djabberd::plugins::register_
