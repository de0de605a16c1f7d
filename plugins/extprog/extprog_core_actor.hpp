// The actor owning one extprog plugin's programs: request ids, pending promises, restarts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "plugins/extprog/extprog_options.hpp"
#include "plugins/extprog/line_process.hpp"

namespace djabberd::plugins::extprog {

/// One program instance.
struct extprog_instance {
  std::unique_ptr<line_process> process;  ///< null while down
  std::uint64_t generation = 0;           ///< bumped at every start; stale reports are ignored
  std::uint64_t lines = 0;                ///< lines printed by this generation
  bool restart_scheduled = false;
};

/// A request written to a program, waiting for its reply line.
struct extprog_pending {
  caf::typed_response_promise<std::string> promise;
  std::size_t instance = 0;
  std::uint64_t generation = 0;
  std::uint64_t lines_at_send = 0;  ///< the instance's line count when the request was written
  std::string hook;
};

struct extprog_core_state {
  extprog_options options;
  std::vector<extprog_instance> instances;
  std::unordered_map<std::uint64_t, extprog_pending> pending;
  std::uint64_t next_id = 1;
  std::size_t next_instance = 0;
  static inline const char* name = "extprog";
};

/// Starts `options.instances` programs and answers (call_atom, hook, vhost, encoded inputs)
/// with the program's reply line, or "" when there is no usable answer (no program running,
/// timeout, the program ended). Replies are matched by id, in any order. A request without a
/// reply after timeout_ms is answered ""; if its program printed nothing at all meanwhile it is
/// considered hung and killed. A program that ends is restarted after restart_delay_ms and its
/// pending requests are answered "". Malformed or unknown lines are logged and ignored.
/// Scheduled (not detached): it never blocks; each program's I/O runs on its own thread.
caf::behavior extprog_core_actor(caf::stateful_actor<extprog_core_state>* self,
                                 extprog_options options);

}  // namespace djabberd::plugins::extprog
