// Raises the open-files limit and checks that the wanted connections fit under it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace djabberd::loadgen {

/// File descriptors kept free for epoll, signals, stdio and the report.
inline constexpr std::uint64_t reserved_fds = 32;

/// Raises the soft RLIMIT_NOFILE to the hard limit. Returns an error text if `connections`
/// sockets (plus reserved_fds) do not fit under it.
std::optional<std::string> raise_fd_limit_for(std::uint64_t connections);

}  // namespace djabberd::loadgen
