// The admin socket's accept loop (and the optional TCP admin listener's), run by one detached
// actor.
//
// CAF 0.17 brokers only speak TCP, so a Unix socket cannot be served by the multiplexer. Admin
// traffic is rare and tiny, so one detached actor (its own thread, never a scheduler worker) does
// blocking poll/accept/read on both, serves one connection at a time with read/write timeouts,
// and asks the other actors with blocking, time-bounded requests. A TCP client must first send
// "auth SECRET"; after a wrong secret the loop waits a second before it serves anyone again,
// which bounds guessing to one try per second.
#include "actors/admin/admin_server.hpp"

#include <string>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/admin/admin_requests.hpp"
#include "actors/admin/admin_socket.hpp"
#include "actors/log.hpp"
#include "actors/net/tcp_listen_socket.hpp"
#include "auth/crypto.hpp"

namespace djabberd::admin {

namespace {

/// Longest request line accepted.
constexpr std::size_t max_request = 4096;
/// How often the loop looks at the stop flag.
constexpr int poll_ms = 200;

void set_timeouts(int fd) {
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

// Lines from one client; what follows a line in the same read waits for the next call.
struct line_reader {
  int fd;
  std::string buffer;

  // The next line without its newline; false on timeout, EOF before a newline or an overlong
  // line.
  bool next(std::string& line) {
    char buf[512];
    for (;;) {
      if (auto nl = buffer.find('\n'); nl != std::string::npos) {
        line = buffer.substr(0, nl);
        buffer.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      if (buffer.size() >= max_request) return false;
      ssize_t n = ::read(fd, buf, sizeof(buf));
      if (n <= 0) return false;
      buffer.append(buf, static_cast<std::size_t>(n));
    }
  }
};

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// A TCP client's first line must be "auth SECRET".
bool authorized(line_reader& in, const std::string& secret) {
  std::string line;
  if (!in.next(line)) return false;
  if (line.starts_with("auth ") && auth::constant_time_equal(line.substr(5), secret)) return true;
  log::warn("admin", "TCP admin client refused: wrong secret");
  write_all(in.fd, "error not authorized\n.\n");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return false;
}

// `secret`: the TCP listener's (its clients authenticate first); nullptr for the Unix socket.
void serve_one(caf::blocking_actor* self, const environment& env, int listen_fd,
               const std::string* secret) {
  int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return;
  set_timeouts(fd);
  line_reader in{fd, {}};
  std::string line;
  if ((!secret || authorized(in, *secret)) && in.next(line)) {
    log::debug("admin", "request: ", line);
    write_all(fd, answer(self, env, line));
  }
  ::close(fd);
}

// `tcp_fd` is -1 without a TCP listener (poll ignores negative fds). The secret is the one read
// at start: changing it needs a restart, like the listener's address.
void loop(caf::blocking_actor* self, environment env, int unix_fd, int tcp_fd,
          std::shared_ptr<std::atomic<bool>> stop_flag) {
  const std::string secret = env.server->config.admin.secret;
  while (!stop_flag->load()) {
    pollfd p[2] = {{unix_fd, POLLIN, 0}, {tcp_fd, POLLIN, 0}};
    if (::poll(p, 2, poll_ms) <= 0) continue;
    if (p[0].revents & POLLIN) serve_one(self, env, unix_fd, nullptr);
    if (p[1].revents & POLLIN) serve_one(self, env, tcp_fd, &secret);
  }
  ::close(unix_fd);
  if (tcp_fd >= 0) ::close(tcp_fd);
}

}  // namespace

handle start(caf::actor_system& sys, environment env, std::string& error) {
  handle h;
  h.path = socket_path(env.server->config.data_dir);
  int fd = open_socket(h.path, error);
  if (fd < 0) return h;
  int tcp_fd = -1;
  if (const auto& listen = env.server->config.admin.listen) {
    std::string bound, tcp_error;
    tcp_fd = net::open_tcp_listener(*listen, "admin.listen", tcp_error, bound);
    if (tcp_fd < 0)
      log::warn("admin", tcp_error, " (the TCP admin listener is off; the socket still works)");
    else
      log::info("admin", "admin listening address=", bound, " (TCP, auth by secret)");
  }
  h.stop_flag = std::make_shared<std::atomic<bool>>(false);
  h.actor = sys.spawn<caf::detached>(loop, std::move(env), fd, tcp_fd, h.stop_flag);
  log::info("admin", "admin socket ", h.path.string());
  return h;
}

void stop(caf::actor_system& sys, handle& h) {
  if (!h.actor) return;
  h.stop_flag->store(true);
  caf::scoped_actor self{sys};
  self->wait_for(h.actor);
  h.actor = nullptr;
  std::error_code ec;
  std::filesystem::remove(h.path, ec);
}

}  // namespace djabberd::admin
