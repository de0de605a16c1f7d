// Everything the connections of one run share: options, epoll, TLS, keys, stats, scenario.
#pragma once

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <cstdint>
#include <vector>

#include "bench/loadgen/connection.hpp"
#include "bench/loadgen/options.hpp"
#include "bench/loadgen/scram_keys.hpp"
#include "bench/loadgen/stats.hpp"

namespace djabberd::loadgen {

class Scenario;

struct Context {
  Context(const Options& o, int epoll, SSL_CTX* ctx, ScramKeyCache& k, Stats& s, Scenario& sc)
      : options(o), epoll_fd(epoll), tls(ctx), keys(k), stats(s), scenario(sc) {}

  const Options& options;
  int epoll_fd;
  SSL_CTX* tls;
  ScramKeyCache& keys;
  Stats& stats;
  Scenario& scenario;
  sockaddr_storage target{};
  socklen_t target_len = 0;
  std::vector<in_addr> sources;  ///< empty = let the kernel choose
  std::vector<Connection> conns;
  std::uint32_t in_progress = 0;  ///< logging in right now
  std::uint32_t online = 0;       ///< online right now
};

/// Monotonic clock in microseconds.
std::uint64_t now_us();

/// The same clock in nanoseconds (message timestamps).
std::uint64_t now_ns();

}  // namespace djabberd::loadgen
