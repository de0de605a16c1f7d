// ask_server: connect to <data_dir>/admin.sock (or the TCP admin listener), write the request,
// read lines up to ".".
#include "tools/djabberctl/admin_client.hpp"

#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

namespace djabberd::ctl {

namespace {

/// Owns a socket fd.
struct fd_guard {
  int fd;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

void set_timeouts(int fd) {
  timeval tv{10, 0};  // the server bounds its own waits to a few seconds
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

int connect_tcp(const config::listen_address& addr) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  auto port = std::to_string(addr.port);
  if (int rc = ::getaddrinfo(addr.host.c_str(), port.c_str(), &hints, &res); rc != 0)
    throw std::runtime_error("admin.listen " + addr.str() + ": " + ::gai_strerror(rc));
  int fd = ::socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int rc = fd < 0 ? -1 : ::connect(fd, res->ai_addr, res->ai_addrlen);
  int e = errno;
  ::freeaddrinfo(res);
  if (rc != 0) {
    if (fd >= 0) ::close(fd);
    if (e == ECONNREFUSED)
      throw not_running("djabberd is not running (nothing listens on admin.listen " + addr.str() +
                        ")");
    throw std::runtime_error("cannot connect to " + addr.str() + ": " + std::strerror(e));
  }
  set_timeouts(fd);
  return fd;
}

int connect_to(const std::filesystem::path& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string name = path.string();
  if (name.size() >= sizeof(addr.sun_path))
    throw std::runtime_error("admin socket path too long: " + name);
  std::memcpy(addr.sun_path, name.c_str(), name.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    int e = errno;
    ::close(fd);
    if (e == ENOENT || e == ECONNREFUSED)
      throw not_running("djabberd is not running (no admin socket at " + name + ")");
    throw std::runtime_error("cannot connect to " + name + ": " + std::strerror(e));
  }
  set_timeouts(fd);
  return fd;
}

}  // namespace

admin_target admin_target_of(const config::server_config& server, bool tcp) {
  admin_target target;
  target.socket = server.data_dir / "admin.sock";
  if (!tcp) return target;
  if (!server.admin.listen)
    throw std::runtime_error("--tcp: the configuration has no [admin] listen");
  target.tcp = server.admin.listen;
  target.secret = server.admin.secret;
  return target;
}

admin_reply ask_server(const admin_target& target, const std::string& request) {
  fd_guard sock{target.tcp ? connect_tcp(*target.tcp) : connect_to(target.socket)};
  std::string text = (target.tcp ? "auth " + target.secret + "\n" : "") + request + "\n";
  if (::send(sock.fd, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot send the request to the server");
  std::string received;
  char buf[4096];
  for (;;) {
    if (received == ".\n" || received.ends_with("\n.\n")) break;
    ssize_t n = ::read(sock.fd, buf, sizeof(buf));
    if (n <= 0) throw std::runtime_error("the server's reply ended early");
    received.append(buf, static_cast<std::size_t>(n));
  }
  admin_reply reply;
  std::size_t pos = 0;
  bool first = true;
  while (pos < received.size()) {
    auto nl = received.find('\n', pos);
    std::string line = received.substr(pos, nl - pos);
    pos = nl + 1;
    if (first) {
      first = false;
      reply.ok = line == "ok";
      if (!reply.ok) reply.error = line.starts_with("error ") ? line.substr(6) : line;
      continue;
    }
    if (line == ".") break;
    reply.lines.push_back(std::move(line));
  }
  return reply;
}

}  // namespace djabberd::ctl
