// djabberd-loadgen: many XMPP client connections from one thread, for benchmarks.
#include <arpa/inet.h>
#include <netdb.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "bench/loadgen/driver.hpp"
#include "bench/loadgen/fd_limit.hpp"
#include "bench/loadgen/report.hpp"
#include "bench/loadgen/scenario.hpp"
#include "bench/loadgen/scram_cache_file.hpp"
#include "bench/loadgen/source_addrs.hpp"
#include "bench/loadgen/tls.hpp"

using namespace djabberd::loadgen;

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "djabberd-loadgen: %s\n", message.c_str());
  return 2;
}

bool resolve(const Options& o, sockaddr_storage& out, socklen_t& len) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(o.port);
  if (getaddrinfo(o.host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return false;
  }
  std::memcpy(&out, found->ai_addr, found->ai_addrlen);
  len = found->ai_addrlen;
  freeaddrinfo(found);
  return true;
}

/// Warns when one source address cannot have that many connections to one server port.
void check_ports(const Options& o, std::size_t sources) {
  std::ifstream range{"/proc/sys/net/ipv4/ip_local_port_range"};
  unsigned low = 0;
  unsigned high = 0;
  if (!(range >> low >> high) || high < low) return;
  const std::uint64_t per_source = high - low + 1;
  if (o.count > per_source * std::max<std::size_t>(sources, 1)) {
    std::fprintf(stderr,
                 "djabberd-loadgen: warning: %u connections but only %llu ephemeral ports per "
                 "source address (%zu address(es)); use --source-ips with more addresses\n",
                 o.count, static_cast<unsigned long long>(per_source), sources);
  }
}

int signal_descriptor() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto parsed = parse_options(argc, argv, exit_code);
  if (!parsed) return exit_code;
  const Options& o = *parsed;
  if (auto error = raise_fd_limit_for(o.count)) return fail(*error);
  auto scenario = make_scenario(o.scenario, o);
  if (!scenario) {
    return fail("unknown --scenario '" + o.scenario + "' (known: " + std::string{scenario_names()} +
                ")");
  }
  std::vector<in_addr> sources;
  if (!o.source_ips.empty()) {
    if (auto error = parse_source_ips(o.source_ips, sources)) return fail(*error);
  }
  sockaddr_storage target{};
  socklen_t target_len = 0;
  if (!resolve(o, target, target_len)) return fail("cannot resolve --host " + o.host);
  if (!sources.empty() && target.ss_family != AF_INET) {
    return fail("--source-ips are IPv4 addresses but --host is not");
  }
  check_ports(o, sources.size());
  SslCtxPtr tls = make_client_tls(o.direct_tls);
  if (!tls) return fail("cannot set up OpenSSL: " + tls_error_reason("unknown error"));
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) return fail(std::string{"epoll_create1: "} + std::strerror(errno));
  signal(SIGPIPE, SIG_IGN);
  const int signal_fd = signal_descriptor();

  ScramKeyCache keys{o.password};
  if (!o.scram_cache.empty()) load_scram_cache(o.scram_cache, keys);
  Stats stats;
  stats.reserve(o.count);
  Context ctx{o, epoll_fd, tls.get(), keys, stats, *scenario};
  ctx.target = target;
  ctx.target_len = target_len;
  ctx.sources = std::move(sources);
  ctx.conns.resize(o.count);
  if (!o.quiet) {
    std::fprintf(stderr,
                 "djabberd-loadgen: %u connections to %s:%u (%s, %s) at %.0f/s, hold %.0f s, "
                 "scenario %s, %llu SCRAM keys loaded\n",
                 o.count, o.host.c_str(), o.port,
                 o.direct_tls ? "direct TLS"
                 : o.no_tls   ? "no TLS"
                              : "STARTTLS",
                 mech_name(o.mech), o.rate, o.hold, o.scenario.c_str(),
                 static_cast<unsigned long long>(keys.loaded()));
  }

  const RunResult result = run(ctx, signal_fd);
  const ReportInput report{o, stats, result, keys, *scenario};
  print_summary(report);
  bool written = true;
  if (!o.report.empty()) written = write_report(o.report, report);
  if (!o.scram_cache.empty() && keys.computed() > 0) save_scram_cache(o.scram_cache, keys);
  close(epoll_fd);
  if (signal_fd >= 0) close(signal_fd);
  const bool clean = stats.established() == o.count && stats.dropped_count() == 0;
  return !written ? 2 : clean ? 0 : 1;
}
