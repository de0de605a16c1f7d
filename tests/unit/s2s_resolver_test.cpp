// The s2s resolver: the pure SRV ordering/merge rules (RFC 2782, XEP-0368, RFC 6120 §3.2) and the
// real c-ares actor (SRV, then the targets' addresses) against tests/integration/fake_dns.py
// started by the test.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/s2s/dns_endpoints_message.hpp"
#include "actors/s2s/dns_srv.hpp"
#include "actors/s2s/resolver.hpp"

using namespace djabberd;
using namespace djabberd::s2s;
using namespace std::chrono_literals;

namespace {

srv_record rec(std::string target, std::uint16_t port, std::uint16_t priority, std::uint16_t weight,
               bool direct_tls = false) {
  return srv_record{std::move(target), port, priority, weight, direct_tls};
}

std::vector<std::string> targets(const std::vector<endpoint>& eps) {
  std::vector<std::string> out;
  for (const auto& e : eps) out.push_back(e.host);
  return out;
}

// A pick function that returns scripted values and records the sums it was asked about.
struct scripted_pick {
  std::vector<std::uint32_t> values;
  std::vector<std::uint32_t> asked;
  random_pick fn() {
    return [this](std::uint32_t max) {
      asked.push_back(max);
      return values.at(asked.size() - 1);
    };
  }
};

const random_pick zero_pick = [](std::uint32_t) { return 0u; };

srv_answer answer_of(std::vector<srv_record> records) {
  return srv_answer{srv_answer::status::records, std::move(records)};
}
const srv_answer no_records{srv_answer::status::no_records, {}};
const srv_answer failed{srv_answer::status::failed, {}};

}  // namespace

// --- order_srv: RFC 2782 ---------------------------------------------------------------------

TEST(SrvOrder, LowerPriorityComesFirst) {
  auto out = order_srv({rec("c", 1, 20, 0), rec("a", 2, 5, 0), rec("b", 3, 10, 0)}, zero_pick);
  EXPECT_EQ(targets(out), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(out[0].port, 2);
}

TEST(SrvOrder, WeightedPickWalksTheRunningSumWithZeroWeightsFirst) {
  // Same priority: weights 30 (x), 0 (zero), 10 (y). Running sum order: zero(0), x(30), y(40).
  // 5 -> x (0 < 5 <= 30); then sum 10: 0 -> zero (running 0 >= 0); then y alone.
  scripted_pick pick{{5, 0, 0}, {}};
  auto out = order_srv({rec("x", 1, 1, 30), rec("zero", 1, 1, 0), rec("y", 1, 1, 10)}, pick.fn());
  EXPECT_EQ(targets(out), (std::vector<std::string>{"x", "zero", "y"}));
  EXPECT_EQ(pick.asked, (std::vector<std::uint32_t>{40, 10, 10}));
}

TEST(SrvOrder, PickAtTheTopOfTheSumTakesTheLastRecord) {
  scripted_pick pick{{40, 30}, {}};
  auto out = order_srv({rec("x", 1, 1, 30), rec("y", 1, 1, 10)}, pick.fn());
  EXPECT_EQ(targets(out), (std::vector<std::string>{"y", "x"}));
}

TEST(SrvOrder, HeavierRecordsComeFirstProportionallyOften) {
  std::mt19937 rng(42);
  random_pick pick = [&rng](std::uint32_t max) {
    return std::uniform_int_distribution<std::uint32_t>{0, max}(rng);
  };
  int heavy_first = 0;
  constexpr int runs = 4000;
  for (int i = 0; i < runs; ++i) {
    auto out = order_srv({rec("light", 1, 0, 10), rec("heavy", 1, 0, 30)}, pick);
    ASSERT_EQ(out.size(), 2u);
    if (out[0].host == "heavy") ++heavy_first;
  }
  // RFC 2782 picks from 0..sum inclusive: 30 of the 41 values select "heavy".
  EXPECT_NEAR(static_cast<double>(heavy_first) / runs, 30.0 / 41.0, 0.04);
}

TEST(SrvOrder, DotTargetsAreDropped) {
  auto out = order_srv({rec(".", 0, 0, 0), rec("", 0, 0, 0), rec("real", 5269, 1, 0)}, zero_pick);
  EXPECT_EQ(targets(out), (std::vector<std::string>{"real"}));
}

// --- plan_from_srv: XEP-0368 merge and the RFC 6120 fallback ---------------------------------

TEST(SrvPlan, DirectTlsAndStarttlsMixByPriority) {
  auto plan =
      plan_from_srv(answer_of({rec("tls", 5270, 10, 0, true)}),
                    answer_of({rec("plain", 5269, 5, 0), rec("plain2", 5269, 20, 0)}), zero_pick);
  ASSERT_EQ(plan.next, srv_plan::action::connect);
  EXPECT_EQ(targets(plan.endpoints), (std::vector<std::string>{"plain", "tls", "plain2"}));
  EXPECT_FALSE(plan.endpoints[0].direct_tls);
  EXPECT_TRUE(plan.endpoints[1].direct_tls);
  EXPECT_EQ(plan.endpoints[1].port, 5270);
}

TEST(SrvPlan, DirectTlsDotMeansStarttlsOnly) {
  auto plan = plan_from_srv(answer_of({rec(".", 0, 0, 0, true)}),
                            answer_of({rec("plain", 5269, 0, 0)}), zero_pick);
  ASSERT_EQ(plan.next, srv_plan::action::connect);
  EXPECT_EQ(targets(plan.endpoints), (std::vector<std::string>{"plain"}));
}

TEST(SrvPlan, DotWithoutOtherRecordsMeansNoServiceAndNoFallback) {
  EXPECT_EQ(plan_from_srv(no_records, answer_of({rec(".", 0, 0, 0)}), zero_pick).next,
            srv_plan::action::no_service);
  // XEP-0368: an xmpps "." proves SRV is in use, so no A/AAAA fallback either.
  EXPECT_EQ(plan_from_srv(answer_of({rec(".", 0, 0, 0, true)}), no_records, zero_pick).next,
            srv_plan::action::no_service);
}

TEST(SrvPlan, NoSrvAtAllChecksTheDomainItself) {
  auto plan = plan_from_srv(no_records, no_records, zero_pick);
  EXPECT_EQ(plan.next, srv_plan::action::check_fallback);
  EXPECT_TRUE(plan.endpoints.empty());
}

TEST(SrvPlan, FailedQueryIsNotNoRecords) {
  EXPECT_EQ(plan_from_srv(failed, no_records, zero_pick).next, srv_plan::action::no_service);
  EXPECT_EQ(plan_from_srv(no_records, failed, zero_pick).next, srv_plan::action::no_service);
  auto plan = plan_from_srv(failed, answer_of({rec("plain", 5269, 0, 0)}), zero_pick);
  ASSERT_EQ(plan.next, srv_plan::action::connect);
  EXPECT_EQ(targets(plan.endpoints), (std::vector<std::string>{"plain"}));
}

// --- the actor against a real (fake) DNS server ---------------------------------------------

namespace {

// fake_dns.py serving `zone_json` on a loopback UDP port; stopped by PID in the destructor.
class fake_dns_process {
 public:
  explicit fake_dns_process(const std::string& zone_json) {
    zone_ = std::filesystem::temp_directory_path() /
            ("s2s_resolver_zone_" + std::to_string(::getpid()) + ".json");
    std::ofstream(zone_) << zone_json;
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execl(DJABBERD_PYTHON, DJABBERD_PYTHON, DJABBERD_FAKE_DNS, zone_.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // The script prints its port once it answers; wait at most 20 s (python on a busy box).
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 20000) > 0) {
      char buf[64];
      auto n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    if (line.find('\n') != std::string::npos) port_ = std::stoi(line);
  }
  ~fake_dns_process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove(zone_);
  }
  int port() const { return port_; }

 private:
  std::filesystem::path zone_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A UDP socket on loopback that never answers: queries sent to it can only time out.
class silent_udp {
 public:
  silent_udp() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port_ = ntohs(a.sin_port);
  }
  ~silent_udp() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

constexpr const char* zone = R"({
  "_xmpp-server._tcp.srv.test": {"SRV": [[20, 0, 5290, "late.srv.test"],
                                         [15, 0, 5269, "ghost.srv.test"],
                                         [10, 0, 5269, "xmpp.srv.test."]]},
  "_xmpps-server._tcp.srv.test": {"SRV": [[10, 0, 5223, "tls.srv.test"]]},
  "xmpp.srv.test": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
  "tls.srv.test": {"A": ["127.0.0.2"]},
  "late.srv.test": {"A": ["127.0.0.3"]},
  "srv.test": {"A": ["127.0.0.1"]},
  "plain.test": {"A": ["127.0.0.4"]},
  "_xmpp-server._tcp.none.test": {"SRV": [[0, 0, 0, "."]]},
  "none.test": {"A": ["127.0.0.1"]},
  "_xmpp-server._tcp.routed.test": {"SRV": [[0, 0, 5269, "dns.routed.test"]]},
  "_xmpp-server._tcp.hosts.test": {"SRV": [[0, 0, 5999, "localhost"]]}
})";

class resolver_actor_test : public ::testing::Test {
 protected:
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor resolver;

  void SetUp() override {
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
  }
  void TearDown() override {
    if (resolver) caf::anon_send_exit(resolver, caf::exit_reason::user_shutdown);
    self.reset();
  }
  void start(int dns_port, std::map<std::string, config::listen_address> routes = {}) {
    config::s2s_config c;
    c.dns_servers = {"127.0.0.1:" + std::to_string(dns_port)};
    c.routes = std::move(routes);
    resolver = spawn_resolver(*sys, c);
  }
  std::vector<endpoint> resolve(const std::string& domain) {
    std::vector<endpoint> result;
    bool answered = false;
    (*self)
        ->request(resolver, 20s, atoms::resolve::value, domain)
        .receive(
            [&](std::vector<endpoint>& eps) {
              result = std::move(eps);
              answered = true;
            },
            [&](caf::error& e) { ADD_FAILURE() << "no answer: " << sys->render(e); });
    EXPECT_TRUE(answered);
    return result;
  }
};

}  // namespace

TEST_F(resolver_actor_test, SrvTargetsAreMergedOrderedAndResolved) {
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0) << "fake_dns.py did not start";
  start(dns.port());
  auto eps = resolve("srv.test");
  // Priority 10: xmpp.srv.test (A and AAAA, both kept, adjacent) and tls.srv.test (direct TLS),
  // in either order (weight 0 each); priority 15: ghost.srv.test has no address, dropped;
  // priority 20 last.
  ASSERT_EQ(eps.size(), 4u);
  EXPECT_EQ(eps[3].host, "127.0.0.3");
  EXPECT_EQ(eps[3].port, 5290);
  EXPECT_FALSE(eps[3].direct_tls);
  const bool tls_first = eps[0].host == "127.0.0.2";
  const auto& tls = tls_first ? eps[0] : eps[2];
  EXPECT_EQ(tls.host, "127.0.0.2");
  EXPECT_EQ(tls.port, 5223);
  EXPECT_TRUE(tls.direct_tls);
  std::set<std::string> plain_hosts;
  for (std::size_t i = tls_first ? 1 : 0; i < (tls_first ? 3u : 2u); ++i) {
    plain_hosts.insert(eps[i].host);
    EXPECT_EQ(eps[i].port, 5269);
    EXPECT_FALSE(eps[i].direct_tls);
  }
  EXPECT_EQ(plain_hosts, (std::set<std::string>{"127.0.0.1", "::1"}));
}

TEST_F(resolver_actor_test, TargetsFromTheHostsFileResolveToo) {
  // c-ares answers hosts-file names inside the lookup call itself: the synchronous path.
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0);
  start(dns.port());
  auto eps = resolve("hosts.test");
  ASSERT_FALSE(eps.empty());
  for (const auto& e : eps) {
    EXPECT_TRUE(e.host == "127.0.0.1" || e.host == "::1") << e.host;
    EXPECT_EQ(e.port, 5999);
  }
}

TEST_F(resolver_actor_test, NoSrvFallsBackToTheDomainOnPort5269) {
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0);
  start(dns.port());
  auto eps = resolve("PLAIN.test.");  // case and a trailing dot do not matter
  ASSERT_EQ(eps.size(), 1u);
  EXPECT_EQ(eps[0].host, "127.0.0.4");
  EXPECT_EQ(eps[0].port, 5269);
  EXPECT_FALSE(eps[0].direct_tls);
}

TEST_F(resolver_actor_test, NxdomainAndDotTargetGiveNothing) {
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0);
  start(dns.port());
  EXPECT_TRUE(resolve("missing.test").empty());
  EXPECT_TRUE(resolve("none.test").empty());
}

TEST_F(resolver_actor_test, StaticRouteWinsOverDns) {
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0);
  start(dns.port(), {{"routed.test", config::listen_address{"127.0.0.9", 7000}}});
  auto eps = resolve("Routed.Test");
  ASSERT_EQ(eps.size(), 1u);
  EXPECT_EQ(eps[0].host, "127.0.0.9");
  EXPECT_EQ(eps[0].port, 7000);
}

TEST_F(resolver_actor_test, UnansweredQueriesTimeOutEmptyWithinBound) {
  silent_udp silent;
  ASSERT_GT(silent.port(), 0);
  start(silent.port());
  const auto begin = std::chrono::steady_clock::now();
  auto eps = resolve("slow.test");
  const auto took = std::chrono::steady_clock::now() - begin;
  EXPECT_TRUE(eps.empty());
  // c-ares: 1 s + 2 s for one server; well before the actor's own 8 s deadline.
  EXPECT_LT(took, 7s);
}

TEST_F(resolver_actor_test, ConcurrentRequestsAreAllAnswered) {
  fake_dns_process dns(zone);
  ASSERT_GT(dns.port(), 0);
  start(dns.port());
  constexpr int n = 20;
  for (int i = 0; i < n; ++i)
    (*self)->send(resolver, atoms::resolve::value,
                  std::string(i % 2 == 0 ? "srv.test" : "missing.test"));
  int answers = 0;
  for (int i = 0; i < n; ++i)
    (*self)->receive(
        [&](std::vector<endpoint>& eps) {
          EXPECT_TRUE(eps.empty() || eps.size() == 4u);
          ++answers;
        },
        caf::after(20s) >> [&] { ADD_FAILURE() << "answer " << i << " missing"; });
  EXPECT_EQ(answers, n);
}
