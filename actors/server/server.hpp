// Runs the whole server from a loaded configuration until a shutdown signal.
#pragma once

#include "config/config.hpp"

namespace djabberd {

/// Starts everything (TLS, plugins, router, listeners), waits for SIGTERM/SIGINT, shuts down
/// gracefully. Returns the process exit code. Errors are logged, never thrown.
int run_server(const config::server_config& config, bool daemonize);

}  // namespace djabberd
