// Reaping a helper program without blocking, and naming how it ended.
#pragma once

#include <string>

#include <sys/types.h>

namespace djabberd::plugins::child_program {

/// One non-blocking waitpid() of `pid`. True when the program is gone: `status` is then its wait
/// status, or -1 when unknown (reaped elsewhere, e.g. with SIGCHLD ignored). False while it still
/// runs or when the wait was interrupted (`status` untouched).
bool try_reap(pid_t pid, int& status);

/// How a program ended, for logs: "exited with status 3", "killed by signal 11", "ended (status
/// unknown)" for status -1, and "could not be reaped" when `reaped` is false.
std::string describe_exit(bool reaped, int status);

}  // namespace djabberd::plugins::child_program
