// Reading, writing and handshaking on non-blocking sockets, plain or through OpenSSL.
#include "bench/loadgen/io.hpp"

#include <openssl/err.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "bench/loadgen/tls.hpp"

namespace djabberd::loadgen {

namespace {

/// Classifies a failed SSL_* call; sets tls_wants_write for WANT_WRITE.
Io ssl_result(Connection& c, int ret, std::string& reason) {
  const int err = SSL_get_error(c.ssl, ret);
  switch (err) {
    case SSL_ERROR_WANT_READ:
      c.tls_wants_write = false;
      return Io::would_block;
    case SSL_ERROR_WANT_WRITE:
      c.tls_wants_write = true;
      return Io::would_block;
    case SSL_ERROR_ZERO_RETURN:
      reason = "close_notify";
      return Io::closed;
    case SSL_ERROR_SYSCALL:
      if (ERR_peek_error() == 0) {
        reason = errno != 0 && ret < 0 ? errno_name(errno) : "eof";
        ERR_clear_error();
        return Io::closed;
      }
      reason = tls_error_reason("syscall");
      return Io::error;
    default:
      reason = tls_error_reason("ssl_error");
      return Io::error;
  }
}

}  // namespace

std::string errno_name(int err) {
  const char* name = strerrorname_np(err);
  return name != nullptr ? name : "errno_" + std::to_string(err);
}

Io read_available(Connection& c, std::string& reason) {
  char buf[16384];
  for (;;) {
    if (c.ssl != nullptr) {
      ERR_clear_error();
      errno = 0;
      const int n = SSL_read(c.ssl, buf, sizeof(buf));
      if (n > 0) {
        c.in.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      return ssl_result(c, n, reason);
    }
    const ssize_t n = recv(c.fd, buf, sizeof(buf), 0);
    if (n > 0) {
      c.in.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) {
      reason = "eof";
      return Io::closed;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Io::would_block;
    reason = errno_name(errno);
    return errno == ECONNRESET ? Io::closed : Io::error;
  }
}

Io flush(Connection& c, std::string& reason) {
  while (!c.out.empty()) {
    if (c.ssl != nullptr) {
      ERR_clear_error();
      errno = 0;
      const int n = SSL_write(c.ssl, c.out.data(), static_cast<int>(c.out.size()));
      if (n > 0) {
        c.out.erase(0, static_cast<std::size_t>(n));
        continue;
      }
      const Io r = ssl_result(c, n, reason);
      c.tls_wants_write = false;  // pending output keeps EPOLLOUT on anyway
      return r;
    }
    const ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      c.out.erase(0, static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Io::would_block;
    reason = errno_name(errno);
    return errno == ECONNRESET || errno == EPIPE ? Io::closed : Io::error;
  }
  return Io::ok;
}

Io tls_handshake_step(Connection& c, std::string& reason) {
  ERR_clear_error();
  errno = 0;
  const int r = SSL_do_handshake(c.ssl);
  if (r == 1) {
    c.tls_wants_write = false;
    return Io::ok;
  }
  return ssl_result(c, r, reason);
}

void update_interest(int epoll_fd, Connection& c, std::uint32_t index) {
  if (c.fd < 0) return;
  std::uint8_t want = EPOLLIN;
  if (c.step == Step::connecting) {
    want = EPOLLOUT;
  } else if (!c.out.empty() || c.tls_wants_write) {
    want |= EPOLLOUT;
  }
  if (want == c.epoll_events) return;
  epoll_event ev{};
  ev.events = want;
  ev.data.u64 = index;
  const int op = c.epoll_events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  if (epoll_ctl(epoll_fd, op, c.fd, &ev) == 0) c.epoll_events = want;
}

}  // namespace djabberd::loadgen
