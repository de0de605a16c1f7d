// The actor owning one extauth child process: asks it one request at a time, restarts it.
#pragma once

#include <memory>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "plugins/auth_extauth/child_process.hpp"
#include "plugins/auth_extauth/extauth_options.hpp"

namespace djabberd::plugins::auth_extauth {

/// A child actor's answer to (ask_atom, frame): the program said yes.
inline constexpr int answer_yes = 1;
/// The program said no.
inline constexpr int answer_no = 0;
/// No answer: the program is down, crashed, hung or replied garbage (it is being restarted).
inline constexpr int answer_failed = -1;

/// State of one child actor; destroying it stops and reaps the program.
struct extauth_child_state {
  extauth_options options;
  int index = 0;  ///< which instance, for logs
  std::unique_ptr<child_process> process;
  bool restart_scheduled = false;
  static inline const char* name = "auth_extauth_child";
};

/// Runs `options.program` and answers (ask_atom, std::string frame) with answer_yes / answer_no
/// / answer_failed. A failed exchange kills the program (SIGKILL to its PID), logs a warning and
/// restarts it after restart_delay_ms; requests arriving meanwhile get answer_failed at once.
/// MUST be spawned detached: every exchange blocks on pipe I/O for up to timeout_ms.
caf::behavior extauth_child_actor(caf::stateful_actor<extauth_child_state>* self,
                                  extauth_options options, int index);

}  // namespace djabberd::plugins::auth_extauth
