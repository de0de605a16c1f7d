// Counters, failure reasons and latency samples of one run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::loadgen {

struct Summary {
  std::size_t n = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;  ///< milliseconds
};

/// Percentiles (nearest rank) of microsecond samples, in milliseconds.
Summary summarize(std::vector<std::uint32_t> samples_us);

class Stats {
 public:
  void reserve(std::size_t n);

  void started() { ++started_; }
  void connected(std::uint64_t us) { connect_us_.push_back(clamp(us)); }
  void tls_done(std::uint64_t us) { tls_us_.push_back(clamp(us)); }
  void logged_in(std::uint64_t us);
  /// A connection that never got online.
  void failed(std::string_view reason);
  /// An online connection the server closed or broke.
  void dropped(std::string_view reason);
  void closed_at_end() { ++closed_at_end_; }

  std::uint64_t started_count() const { return started_; }
  std::uint64_t established() const { return established_; }
  std::uint64_t failed_count() const { return failed_; }
  std::uint64_t dropped_count() const { return dropped_; }
  std::uint64_t closed_at_end_count() const { return closed_at_end_; }
  const std::map<std::string, std::uint64_t>& failures() const { return failures_; }
  const std::map<std::string, std::uint64_t>& drops() const { return drops_; }
  const std::vector<std::uint32_t>& connect_us() const { return connect_us_; }
  const std::vector<std::uint32_t>& tls_us() const { return tls_us_; }
  const std::vector<std::uint32_t>& login_us() const { return login_us_; }

 private:
  static std::uint32_t clamp(std::uint64_t us) {
    return us > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(us);
  }

  std::uint64_t started_ = 0, established_ = 0, failed_ = 0, dropped_ = 0, closed_at_end_ = 0;
  std::map<std::string, std::uint64_t> failures_, drops_;
  std::vector<std::uint32_t> connect_us_, tls_us_, login_us_;
};

}  // namespace djabberd::loadgen
