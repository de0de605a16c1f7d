// The run's event loop: paced connection starts, login timeouts, hold, deadline, final close.
#pragma once

#include "bench/loadgen/context.hpp"
#include "bench/loadgen/run_result.hpp"

namespace djabberd::loadgen {

/// Runs the whole scenario on `ctx` (its conns sized to the count). `signal_fd` (SIGINT and
/// SIGTERM, or -1) ends the run early. Prints "READY ..." on stdout when every connection is
/// online or failed, progress on stderr unless quiet.
RunResult run(Context& ctx, int signal_fd);

}  // namespace djabberd::loadgen
