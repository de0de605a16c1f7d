// Blocking name lookup and a bounded non-blocking connect, on the connector's own thread.
#include "actors/s2s/connector.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/net/byte_relay.hpp"

namespace djabberd::s2s {

namespace {

using clock = std::chrono::steady_clock;

// One address: returns the connected socket or -1 (with `why` set).
int connect_one(const addrinfo* ai, clock::time_point deadline, std::string& why) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0) {
    why = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
    why = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
  pollfd p{fd, POLLOUT, 0};
  int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
  int err = 0;
  socklen_t len = sizeof(err);
  if (ready <= 0) {
    why = "connect timed out";
    ::close(fd);
    return -1;
  }
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) {
    why = std::strerror(err);
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

}  // namespace

void connector(caf::blocking_actor* self, std::vector<endpoint> endpoints,
               std::chrono::milliseconds timeout, caf::actor reply_to) {
  auto deadline = clock::now() + timeout;
  std::string why = "no address to connect to";
  for (const auto& ep : endpoints) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* result = nullptr;
    std::string port = std::to_string(ep.port);
    if (int rc = ::getaddrinfo(ep.host.c_str(), port.c_str(), &hints, &result); rc != 0) {
      why = ep.host + ": " + gai_strerror(rc);
      continue;
    }
    for (const addrinfo* ai = result; ai != nullptr; ai = ai->ai_next) {
      if (clock::now() >= deadline) break;
      std::string error;
      int fd = connect_one(ai, deadline, error);
      if (fd >= 0) {
        ::freeaddrinfo(result);
        self->send(reply_to, atoms::connected::value, fd, ep.direct_tls,
                   ep.host + ":" + std::to_string(ep.port));
        return;
      }
      why = ep.host + ":" + port + ": " + error;
    }
    ::freeaddrinfo(result);
  }
  self->send(reply_to, atoms::connect_failed::value, why);
}

namespace {

caf::behavior socket_broker(caf::io::broker* self, int fd, caf::actor stream) {
  // A non-blocking, connected socket: CAF's scribe takes it as it is.
  auto hdl = self->add_scribe(fd);
  return net::byte_relay(self, hdl, std::move(stream));
}

}  // namespace

caf::actor spawn_socket_broker(caf::actor_system& sys, int fd, caf::actor stream) {
  return sys.middleman().spawn_broker(socket_broker, fd, std::move(stream));
}

}  // namespace djabberd::s2s
