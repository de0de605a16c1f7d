// open_socket: bind <data_dir>/admin.sock with mode 0600, replacing a stale one.
#include "actors/admin/admin_socket.hpp"

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace djabberd::admin {

std::filesystem::path socket_path(const std::filesystem::path& data_dir) {
  return data_dir / "admin.sock";
}

int open_socket(const std::filesystem::path& path, std::string& error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string name = path.string();
  if (name.size() >= sizeof(addr.sun_path)) {
    error = "admin socket path too long: " + name;
    return -1;
  }
  std::memcpy(addr.sun_path, name.c_str(), name.size() + 1);
  // We hold <data_dir>/djabberd.lock, so no other server uses a socket file found here.
  ::unlink(name.c_str());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("admin socket: ") + std::strerror(errno);
    return -1;
  }
  mode_t old_mask = ::umask(0177);  // the file is created 0600: only the operator may connect
  int rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  ::umask(old_mask);
  if (rc != 0 || ::chmod(name.c_str(), 0600) != 0 || ::listen(fd, 8) != 0) {
    error = "admin socket " + name + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(name.c_str());
    return -1;
  }
  return fd;
}

}  // namespace djabberd::admin
