// The counters: one relaxed atomic each; readers only need eventually consistent numbers.
#include "actors/server/metrics.hpp"

#include <atomic>
#include <fstream>

#include "actors/s2s/s2s_metrics.hpp"

namespace djabberd::metrics {

namespace {

enum kind { message, presence, iq, kind_count };

struct counters {
  std::atomic<std::uint64_t> accepted{0}, closed{0}, bound{0}, auth_ok{0}, auth_failed{0};
  std::atomic<std::uint64_t> in[kind_count]{}, out[kind_count]{};
  std::atomic<std::uint64_t> refused_unauth{0}, refused_banned{0}, read_paused{0},
      slow_reader_closed{0}, session_cap{0}, roster_cap{0}, login_delayed{0}, login_banned{0};
  std::atomic<std::uint64_t> forwarded{0}, relayed{0};
};

counters& all() {
  static counters c;
  return c;
}

int kind_of(std::string_view name) {
  if (name == "message") return message;
  if (name == "presence") return presence;
  if (name == "iq") return iq;
  return -1;
}

void bump(std::atomic<std::uint64_t>& c) {
  c.fetch_add(1, std::memory_order_relaxed);
}

constexpr const char* kind_names[kind_count] = {"message", "presence", "iq"};

}  // namespace

void connection_opened() noexcept {
  bump(all().accepted);
}
void connection_closed() noexcept {
  bump(all().closed);
}
void session_bound() noexcept {
  bump(all().bound);
}
void auth_succeeded() noexcept {
  bump(all().auth_ok);
}
void auth_failed() noexcept {
  bump(all().auth_failed);
}
void refused_unauth() noexcept {
  bump(all().refused_unauth);
}
void refused_banned() noexcept {
  bump(all().refused_banned);
}
void read_paused() noexcept {
  bump(all().read_paused);
}
void slow_reader_closed() noexcept {
  bump(all().slow_reader_closed);
}
void session_cap_hit() noexcept {
  bump(all().session_cap);
}
void roster_cap_hit() noexcept {
  bump(all().roster_cap);
}
void login_delayed() noexcept {
  bump(all().login_delayed);
}
void login_banned() noexcept {
  bump(all().login_banned);
}
void stanza_in(std::string_view name) noexcept {
  if (int k = kind_of(name); k >= 0) bump(all().in[k]);
}
void stanza_out(std::string_view name) noexcept {
  if (int k = kind_of(name); k >= 0) bump(all().out[k]);
}

void cluster_forwarded() noexcept {
  bump(all().forwarded);
}
void cluster_relayed() noexcept {
  bump(all().relayed);
}

std::uint64_t rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("VmRSS:")) return std::stoull(line.substr(6));
  return 0;
}

std::vector<sample> snapshot() {
  auto& c = all();
  auto get = [](const std::atomic<std::uint64_t>& a) { return a.load(std::memory_order_relaxed); };
  // Closed is read first, so open never goes negative.
  auto closed = get(c.closed);
  auto accepted = get(c.accepted);
  std::vector<sample> out = {
      {"connections_accepted", accepted},
      {"connections_closed", closed},
      {"connections_open", accepted >= closed ? accepted - closed : 0},
      {"sessions_bound", get(c.bound)},
      {"auth_success", get(c.auth_ok)},
      {"auth_failure", get(c.auth_failed)},
      {"limit.refused_unauth", get(c.refused_unauth)},
      {"limit.refused_banned", get(c.refused_banned)},
      {"limit.read_paused", get(c.read_paused)},
      {"limit.slow_reader_closed", get(c.slow_reader_closed)},
      {"limit.session_cap", get(c.session_cap)},
      {"limit.roster_cap", get(c.roster_cap)},
      {"limit.login_delayed", get(c.login_delayed)},
      {"limit.login_banned", get(c.login_banned)},
  };
  for (int k = 0; k < kind_count; ++k)
    out.push_back({std::string("stanzas_in.") + kind_names[k], get(c.in[k])});
  for (int k = 0; k < kind_count; ++k)
    out.push_back({std::string("stanzas_out.") + kind_names[k], get(c.out[k])});
  out.push_back({"s2s_streams_in", s2s::streams_in()});
  out.push_back({"s2s_streams_out", s2s::streams_out()});
  out.push_back({"s2s_auth.external", s2s::auth_external()});
  out.push_back({"s2s_auth.dialback", s2s::auth_dialback()});
  out.push_back({"cluster_forwarded", get(c.forwarded)});
  out.push_back({"cluster_relayed", get(c.relayed)});
  return out;
}

}  // namespace djabberd::metrics
