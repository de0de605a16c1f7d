// The scheduled actor that joins the auth hooks and hands each request to a child actor.
#pragma once

#include <chrono>
#include <vector>

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

namespace djabberd::plugins::auth_extauth {

/// State of the front actor.
struct extauth_front_state {
  std::vector<caf::actor> children;
  std::size_t next = 0;  ///< round-robin position
  std::chrono::milliseconds child_timeout{0};
  static inline const char* name = "auth_extauth";
};

/// Answers auth.check_password (`auth:` request) and auth.user_exists (`isuser:` request):
/// the program's 1 is handled(true); its 0, and every failure, is declined (so the chain's
/// default refuses, and other auth plugins still get their turn, like ejabberd's auth_method
/// list). Requests go round-robin to `children` (extauth_child_actor) and are answered later
/// through a promise, so the asking session never blocks. `exchange_timeout` is the children's
/// timeout_ms. When this actor exits, it stops its children (which stop their programs).
caf::behavior extauth_front_actor(caf::stateful_actor<extauth_front_state>* self,
                                  std::vector<caf::actor> children,
                                  std::chrono::milliseconds exchange_timeout);

}  // namespace djabberd::plugins::auth_extauth
