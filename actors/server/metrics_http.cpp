// The Prometheus endpoint's accept loop, run by one detached actor.
//
// Like the admin socket, and unlike the c2s listeners, it is not a broker: brokers all share the
// one multiplexer thread that carries every client's TLS, and a scrape walks every hook table
// and waits on the router. Scrapes come every few seconds at most, so one detached actor (its
// own thread) doing blocking poll/accept with short socket timeouts costs nothing and cannot
// delay client traffic.
#include "actors/server/metrics_http.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/net/tcp_listen_socket.hpp"
#include "actors/server/metrics_text.hpp"

namespace djabberd::metrics {

namespace {

constexpr int poll_ms = 200;

// The request line up to the blank line (or 4 KiB); only the first line matters.
std::string read_request(int fd) {
  std::string req;
  char buf[1024];
  while (req.size() < 4096 && req.find("\r\n\r\n") == std::string::npos &&
         req.find("\n\n") == std::string::npos) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n <= 0) break;
    req.append(buf, static_cast<std::size_t>(n));
  }
  return req.substr(0, req.find_first_of("\r\n"));
}

void reply(int fd, const char* status, const std::string& body) {
  std::string out = std::string("HTTP/1.0 ") + status +
                    "\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                    "Content-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::size_t bound_sessions(caf::blocking_actor* self, const caf::actor& router) {
  std::size_t n = 0;
  self->request(router, std::chrono::seconds(2), atoms::count::value)
      .receive([&](std::size_t value) { n = value; }, [](caf::error&) {});
  return n;
}

void serve_one(caf::blocking_actor* self, const server_context& server,
               std::chrono::steady_clock::time_point started, int listen_fd) {
  int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return;
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  auto line = read_request(fd);
  if (line.starts_with("GET /metrics ") || line == "GET /metrics") {
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - started);
    reply(fd, "200 OK",
          prometheus_text(server, bound_sessions(self, server.router), uptime,
                          collect_plugin_stats(self, server)));
  } else {
    reply(fd, "404 Not Found", "only GET /metrics is served here\n");
  }
  ::close(fd);
}

void loop(caf::blocking_actor* self, server_context_ptr server,
          std::chrono::steady_clock::time_point started, int listen_fd,
          std::shared_ptr<std::atomic<bool>> stop_flag) {
  while (!stop_flag->load()) {
    pollfd p{listen_fd, POLLIN, 0};
    if (::poll(&p, 1, poll_ms) > 0 && (p.revents & POLLIN))
      serve_one(self, *server, started, listen_fd);
  }
  ::close(listen_fd);
}

}  // namespace

http_handle start_http(caf::actor_system& sys, server_context_ptr server,
                       std::chrono::steady_clock::time_point started, std::string& error) {
  http_handle h;
  if (!server->config.metrics.listen) return h;
  std::string bound;
  int fd = net::open_tcp_listener(*server->config.metrics.listen, "metrics.listen", error, bound);
  if (fd < 0) return h;
  h.stop_flag = std::make_shared<std::atomic<bool>>(false);
  h.actor = sys.spawn<caf::detached>(loop, std::move(server), started, fd, h.stop_flag);
  log::info("metrics", "metrics listening address=", bound, " (GET /metrics)");
  return h;
}

void stop_http(caf::actor_system& sys, http_handle& h) {
  if (!h.actor) return;
  h.stop_flag->store(true);
  caf::scoped_actor self{sys};
  self->wait_for(h.actor);
  h.actor = nullptr;
}

}  // namespace djabberd::metrics
