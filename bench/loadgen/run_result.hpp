// How a run went, beyond the per-connection Stats: phases, times, why it ended.
#pragma once

#include <cstdint>
#include <string>

namespace djabberd::loadgen {

struct RunResult {
  double ramp_s = 0;     ///< first connect until every connection was online or failed
  double held_s = 0;     ///< time spent holding the connections
  double elapsed_s = 0;  ///< whole run, closing included
  std::uint64_t peak_online = 0;
  std::uint64_t online_at_hold_end = 0;
  std::uint64_t generator_rss_kb = 0;  ///< this process's VmRSS when the hold began
  std::string end_reason;              ///< "hold_done", "scenario_done", "deadline", "signal",
                                       ///< "all_failed"
};

}  // namespace djabberd::loadgen
