// enable_tcp_keepalive(): setsockopt on the native socket.
#include "actors/c2s/tcp_keepalive.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace djabberd::c2s {

namespace {

constexpr int idle_seconds = 60;
constexpr int interval_seconds = 10;
constexpr int probes = 6;

bool set(int fd, int level, int option, int value) {
  return ::setsockopt(fd, level, option, &value, sizeof(value)) == 0;
}

}  // namespace

bool enable_tcp_keepalive(std::int64_t fd) {
  int s = static_cast<int>(fd);
  return set(s, SOL_SOCKET, SO_KEEPALIVE, 1) && set(s, IPPROTO_TCP, TCP_KEEPIDLE, idle_seconds) &&
         set(s, IPPROTO_TCP, TCP_KEEPINTVL, interval_seconds) &&
         set(s, IPPROTO_TCP, TCP_KEEPCNT, probes);
}

}  // namespace djabberd::c2s
