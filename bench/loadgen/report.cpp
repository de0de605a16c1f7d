// Renders the results as JSON (hand-written, no library) and as a short text summary.
#include "bench/loadgen/report.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "bench/loadgen/json_out.hpp"
#include "bench/loadgen/scenario.hpp"

namespace djabberd::loadgen {

namespace {

void json_latency(std::string& out, const char* key, const std::vector<std::uint32_t>& us) {
  out += "  \"";
  out += key;
  out += "\": ";
  json::summary(out, summarize(us));
  out += ",\n";
}

void json_counts(std::string& out, const char* key,
                 const std::map<std::string, std::uint64_t>& counts) {
  out += "  \"";
  out += key;
  out += "\": ";
  json::counts(out, counts);
  out += ",\n";
}

}  // namespace

std::string report_json(const ReportInput& in) {
  const Options& o = in.options;
  const Stats& s = in.stats;
  const RunResult& r = in.result;
  std::string out = "{\n  \"tool\": \"djabberd-loadgen\",\n  \"scenario\": ";
  json::string(out, o.scenario);
  out += ",\n  \"host\": ";
  json::string(out, o.host);
  out += ",\n  \"port\": " + std::to_string(o.port);
  out += ",\n  \"transport\": ";
  out += o.direct_tls ? "\"direct_tls\"" : "\"starttls\"";
  out += ",\n  \"domain\": ";
  json::string(out, o.domain);
  out += ",\n  \"mech\": ";
  json::string(out, mech_name(o.mech));
  out += ",\n  \"count\": " + std::to_string(o.count);
  out += ",\n  \"rate\": ";
  json::number(out, o.rate);
  out += ",\n  \"hold_s\": ";
  json::number(out, o.hold);
  out += ",\n  \"started\": " + std::to_string(s.started_count());
  out += ",\n  \"established\": " + std::to_string(s.established());
  out += ",\n  \"failed\": " + std::to_string(s.failed_count());
  out += ",\n  \"dropped\": " + std::to_string(s.dropped_count());
  out += ",\n  \"closed_at_end\": " + std::to_string(s.closed_at_end_count());
  out += ",\n  \"peak_online\": " + std::to_string(r.peak_online);
  out += ",\n  \"online_at_hold_end\": " + std::to_string(r.online_at_hold_end) + ",\n";
  json_counts(out, "failures", s.failures());
  json_counts(out, "drops", s.drops());
  json_latency(out, "login_latency_ms", s.login_us());
  json_latency(out, "tcp_connect_ms", s.connect_us());
  json_latency(out, "tls_handshake_ms", s.tls_us());
  out += "  \"ramp_s\": ";
  json::number(out, r.ramp_s);
  out += ",\n  \"logins_per_s\": ";
  json::number(out, r.ramp_s > 0 ? static_cast<double>(s.established()) / r.ramp_s : 0.0);
  out += ",\n  \"held_s\": ";
  json::number(out, r.held_s);
  out += ",\n  \"elapsed_s\": ";
  json::number(out, r.elapsed_s);
  out += ",\n  \"end_reason\": ";
  json::string(out, r.end_reason);
  out += ",\n  \"generator_rss_kb\": " + std::to_string(r.generator_rss_kb);
  out += ",\n  \"scram_keys_computed\": " + std::to_string(in.keys.computed());
  out += ",\n  \"scram_key_cache_hits\": " + std::to_string(in.keys.hits());
  out += ",\n  \"scram_keys_loaded\": " + std::to_string(in.keys.loaded());
  out += ",\n  \"no_tls\": ";
  out += o.no_tls ? "true" : "false";
  in.scenario.report_json(out);
  out += "\n}\n";
  return out;
}

bool write_report(const std::string& path, const ReportInput& in) {
  std::ofstream file{path, std::ios::trunc};
  file << report_json(in);
  file.close();
  if (!file) {
    std::fprintf(stderr, "djabberd-loadgen: cannot write %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return false;
  }
  return true;
}

void print_summary(const ReportInput& in) {
  const Stats& s = in.stats;
  const RunResult& r = in.result;
  const Summary login = summarize(s.login_us());
  std::fprintf(stderr,
               "djabberd-loadgen: %llu/%u established, %llu failed, %llu dropped; login p50 "
               "%.1f ms p99 %.1f ms max %.1f ms; ramp %.1f s, held %.1f s, elapsed %.1f s (%s)\n",
               static_cast<unsigned long long>(s.established()), in.options.count,
               static_cast<unsigned long long>(s.failed_count()),
               static_cast<unsigned long long>(s.dropped_count()), login.p50, login.p99, login.max,
               r.ramp_s, r.held_s, r.elapsed_s, r.end_reason.c_str());
  in.scenario.print_summary();
  for (const auto& [reason, n] : s.failures()) {
    std::fprintf(stderr, "  failed  %8llu  %s\n", static_cast<unsigned long long>(n),
                 reason.c_str());
  }
  for (const auto& [reason, n] : s.drops()) {
    std::fprintf(stderr, "  dropped %8llu  %s\n", static_cast<unsigned long long>(n),
                 reason.c_str());
  }
}

}  // namespace djabberd::loadgen
