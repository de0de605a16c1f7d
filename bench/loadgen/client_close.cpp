// Sending, and the ways a connection ends: failure, drop, or the run's own close at the end.
#include <openssl/err.h>
#include <unistd.h>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/io.hpp"
#include "bench/loadgen/xmpp_text.hpp"

namespace djabberd::loadgen {

namespace {

void release(Context& ctx, Connection& c) {
  if (c.logging_in) {
    c.logging_in = false;
    --ctx.in_progress;
  } else if (c.step == Step::online) {
    --ctx.online;
  }
  if (c.ssl != nullptr) SSL_free(c.ssl);
  if (c.fd >= 0) close(c.fd);
  c.ssl = nullptr;
  c.fd = -1;
  c.step = Step::closed;
  c.epoll_events = 0;
  c.scram.reset();
  std::string{}.swap(c.in);
  std::string{}.swap(c.out);
}

}  // namespace

void send_text(Context& ctx, Connection& c, std::string_view text) {
  if (c.fd < 0) return;
  c.out.append(text);
  std::string reason;
  const Io r = flush(c, reason);
  if (r == Io::closed || r == Io::error) end_connection(ctx, c, "write:" + reason);
}

void end_connection(Context& ctx, Connection& c, std::string_view reason) {
  if (c.step == Step::closed) return;
  std::string full{reason};
  if (c.logging_in) {
    full += " (in ";
    full += step_name(c.step);
    full += ")";
    ctx.stats.failed(full);
  } else {
    ctx.stats.dropped(full);
  }
  release(ctx, c);
}

void close_at_end(Context& ctx, Connection& c) {
  if (c.step == Step::unused || c.step == Step::closed) return;
  if (c.logging_in) {
    ctx.stats.failed(std::string{"unfinished_at_end (in "} + step_name(c.step) + ")");
  } else {
    // Best effort: the server sees a clean end of stream and TLS close_notify.
    c.out.append(xmpp::stream_close());
    std::string reason;
    flush(c, reason);
    if (c.ssl != nullptr) {
      ERR_clear_error();
      SSL_shutdown(c.ssl);
      ERR_clear_error();
    }
    ctx.stats.closed_at_end();
  }
  release(ctx, c);
}

}  // namespace djabberd::loadgen
