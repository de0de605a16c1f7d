// try_reap and describe_exit: waitpid(WNOHANG) and the wait status in words.
#include "plugins/child_program/exit_status.hpp"

#include <cerrno>

#include <sys/wait.h>

namespace djabberd::plugins::child_program {

bool try_reap(pid_t pid, int& status) {
  int wait_status = 0;
  pid_t r = ::waitpid(pid, &wait_status, WNOHANG);
  if (r == pid) {
    status = wait_status;
    return true;
  }
  if (r < 0 && errno != EINTR) {
    status = -1;  // ECHILD: reaped elsewhere; the status is unknown
    return true;
  }
  return false;
}

std::string describe_exit(bool reaped, int status) {
  if (!reaped) return "could not be reaped";
  if (status < 0) return "ended (status unknown)";
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended";
}

}  // namespace djabberd::plugins::child_program
