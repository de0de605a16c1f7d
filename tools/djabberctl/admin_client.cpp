// ask_server: connect to <data_dir>/admin.sock, write the request, read lines up to ".".
#include "tools/djabberctl/admin_client.hpp"

#include <cerrno>
#include <cstring>

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
  timeval tv{10, 0};  // the server bounds its own waits to a few seconds
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  return fd;
}

}  // namespace

admin_reply ask_server(const std::filesystem::path& path, const std::string& request) {
  fd_guard sock{connect_to(path)};
  std::string text = request + "\n";
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
