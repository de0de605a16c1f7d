// Dispatches epoll readiness of one connection to connect, TLS, writing, reading and login.
#include <sys/epoll.h>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/io.hpp"
#include "bench/loadgen/scenario.hpp"
#include "bench/loadgen/xml_scan.hpp"

namespace djabberd::loadgen {

namespace {

/// Stream-level ends recognised in every step: a stream error or the server closing the stream.
bool stream_ended(Context& ctx, Connection& c) {
  if (auto error = find_element(c.in, "stream:error")) {
    std::string reason = "stream_error:";
    reason += first_child_name(error->text(c.in));
    end_connection(ctx, c, reason);
    return true;
  }
  if (c.in.find("</stream:stream>") != std::string::npos) {
    end_connection(ctx, c, "stream_closed");
    return true;
  }
  return false;
}

void process_input(Context& ctx, Connection& c) {
  if (c.in.empty() || stream_ended(ctx, c)) return;
  if (c.step == Step::online) return ctx.scenario.on_data(ctx, c);
  process_login(ctx, c);
}

}  // namespace

void handle_events(Context& ctx, std::uint32_t index, std::uint32_t events) {
  Connection& c = ctx.conns[index];
  if (c.fd < 0) return;
  if (c.step == Step::connecting) {
    finish_connect(ctx, c);
  } else if (c.step == Step::tls_handshake) {
    continue_tls(ctx, c);
  } else {
    std::string reason;
    if ((events & EPOLLOUT) != 0 && !c.out.empty()) {
      const Io w = flush(c, reason);
      if (w == Io::closed || w == Io::error) return end_connection(ctx, c, "write:" + reason);
    }
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0 || c.tls_wants_write) {
      const Io r = read_available(c, reason);
      process_input(ctx, c);
      if (c.fd >= 0 && (r == Io::closed || r == Io::error)) {
        return end_connection(ctx, c, "closed:" + reason);
      }
    }
  }
  update_interest(ctx.epoll_fd, c, index);
}

}  // namespace djabberd::loadgen
