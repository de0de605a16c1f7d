// The admin socket's accept loop, run by one detached actor.
//
// CAF 0.17 brokers only speak TCP, so a Unix socket cannot be served by the multiplexer. Admin
// traffic is rare and tiny, so one detached actor (its own thread, never a scheduler worker) does
// blocking poll/accept/read on it, serves one connection at a time with read/write timeouts, and
// asks the other actors with blocking, time-bounded requests.
#include "actors/admin/admin_server.hpp"

#include <string>

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/admin/admin_requests.hpp"
#include "actors/admin/admin_socket.hpp"
#include "actors/log.hpp"

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

// Reads up to the first newline; false on timeout, EOF before a newline or an overlong line.
bool read_line(int fd, std::string& line) {
  char buf[512];
  while (line.size() < max_request) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n <= 0) return false;
    line.append(buf, static_cast<std::size_t>(n));
    if (auto nl = line.find('\n'); nl != std::string::npos) {
      line.resize(nl);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
  }
  return false;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

void serve_one(caf::blocking_actor* self, const environment& env, int listen_fd) {
  int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return;
  set_timeouts(fd);
  std::string line;
  if (read_line(fd, line)) {
    log::debug("admin", "request: ", line);
    write_all(fd, answer(self, env, line));
  }
  ::close(fd);
}

void loop(caf::blocking_actor* self, environment env, int listen_fd,
          std::shared_ptr<std::atomic<bool>> stop_flag) {
  while (!stop_flag->load()) {
    pollfd p{listen_fd, POLLIN, 0};
    if (::poll(&p, 1, poll_ms) > 0 && (p.revents & POLLIN)) serve_one(self, env, listen_fd);
  }
  ::close(listen_fd);
}

}  // namespace

handle start(caf::actor_system& sys, environment env, std::string& error) {
  handle h;
  h.path = socket_path(env.server->config.data_dir);
  int fd = open_socket(h.path, error);
  if (fd < 0) return h;
  h.stop_flag = std::make_shared<std::atomic<bool>>(false);
  h.actor = sys.spawn<caf::detached>(loop, std::move(env), fd, h.stop_flag);
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
