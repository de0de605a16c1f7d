// RLIMIT_NOFILE handling: soft limit up to the hard one, refusal with a clear message if short.
#include "bench/loadgen/fd_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace djabberd::loadgen {

std::optional<std::string> raise_fd_limit_for(std::uint64_t connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return std::string{"getrlimit(RLIMIT_NOFILE): "} + std::strerror(errno);
  }
  if (limit.rlim_cur != limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      return std::string{"setrlimit(RLIMIT_NOFILE): "} + std::strerror(errno);
    }
  }
  const std::uint64_t needed = connections + reserved_fds;
  if (limit.rlim_max != RLIM_INFINITY && needed > limit.rlim_max) {
    return "--count " + std::to_string(connections) + " needs " + std::to_string(needed) +
           " open files but the hard limit (ulimit -Hn) is " + std::to_string(limit.rlim_max) +
           ": at most --count " +
           std::to_string(limit.rlim_max > reserved_fds ? limit.rlim_max - reserved_fds : 0) +
           " here. Raise the hard limit (limits.conf nofile, systemd LimitNOFILE, or "
           "prlimit --nofile) or split the users over several generators with --first-index";
  }
  return std::nullopt;
}

}  // namespace djabberd::loadgen
