// djabberctl's online commands (status, sessions, kick, hooks): ask the admin socket, print.
#pragma once

#include <ostream>

#include "config/config.hpp"
#include "tools/djabberctl/arguments.hpp"

namespace djabberd::ctl {

/// Runs an online command against the server of `server`'s data_dir; prints text (or JSON with
/// --json) on `out`, a failure as one "djabberctl: ..." line on `err`. Returns 0 done, 1 failed.
int run_online(const invocation& inv, const config::server_config& server, std::ostream& out,
               std::ostream& err);

}  // namespace djabberd::ctl
