// Opening a connection: non-blocking TCP connect from a source address, then TLS or STARTTLS.
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/io.hpp"
#include "bench/loadgen/tls.hpp"
#include "bench/loadgen/xmpp_text.hpp"

namespace djabberd::loadgen {

namespace {

/// The TCP connection is up: direct TLS handshakes now, STARTTLS opens the stream in the clear.
void connected(Context& ctx, Connection& c) {
  ctx.stats.connected(now_us() - c.start_us);
  if (ctx.options.direct_tls) return start_tls(ctx, c);
  c.step = Step::features;
  c.round = 0;
  send_text(ctx, c, xmpp::stream_header(ctx.options.domain));
}

}  // namespace

void start_connection(Context& ctx, std::uint32_t index) {
  Connection& c = ctx.conns[index];
  c.start_us = now_us();
  c.logging_in = true;
  c.step = Step::connecting;
  ++ctx.in_progress;
  ctx.stats.started();
  const int family = ctx.target.ss_family;
  c.fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c.fd < 0) return end_connection(ctx, c, "socket:" + errno_name(errno));
  const int one = 1;
  setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (!ctx.sources.empty() && family == AF_INET) {
    // Pick the port at connect() time, per (source, destination): each source address then has
    // its own ephemeral port range.
    setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr = ctx.sources[index % ctx.sources.size()];
    if (bind(c.fd, reinterpret_cast<sockaddr*>(&local), sizeof(local)) != 0) {
      return end_connection(ctx, c, "bind:" + errno_name(errno));
    }
  }
  if (connect(c.fd, reinterpret_cast<const sockaddr*>(&ctx.target), ctx.target_len) == 0) {
    connected(ctx, c);
  } else if (errno != EINPROGRESS) {
    return end_connection(ctx, c, "connect:" + errno_name(errno));
  }
  update_interest(ctx.epoll_fd, c, index);
}

void finish_connect(Context& ctx, Connection& c) {
  int err = 0;
  socklen_t len = sizeof(err);
  if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err != 0) return end_connection(ctx, c, "connect:" + errno_name(err));
  connected(ctx, c);
}

void start_tls(Context& ctx, Connection& c) {
  c.in.clear();
  c.ssl = new_client_ssl(ctx.tls, c.fd, ctx.options.domain);
  if (c.ssl == nullptr) return end_connection(ctx, c, "tls:" + tls_error_reason("ssl_new"));
  c.step = Step::tls_handshake;
  c.mark_us = now_us();
  continue_tls(ctx, c);
}

void continue_tls(Context& ctx, Connection& c) {
  std::string reason;
  switch (tls_handshake_step(c, reason)) {
    case Io::ok:
      ctx.stats.tls_done(now_us() - c.mark_us);
      c.step = Step::features;
      c.round = 1;
      send_text(ctx, c, xmpp::stream_header(ctx.options.domain));
      return;
    case Io::would_block:
      return;
    case Io::closed:
    case Io::error:
      return end_connection(ctx, c, "tls:" + reason);
  }
}

}  // namespace djabberd::loadgen
