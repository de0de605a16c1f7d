// Counters, latencies and rates of the messaging scenario, and their report section.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::loadgen {

/// What the run was asked to do, for the report.
struct MessagingSetup {
  double offered_rate = 0;  ///< 0 = saturation
  std::uint32_t window = 0;
  std::uint64_t limit = 0;
  double duration_s = 0;
};

class MessagingStats {
 public:
  /// Sending begins with `pairs` pairs able to chat.
  void start(std::uint64_t now_us, std::uint32_t pairs);
  /// Sending ends (time, the message limit, or nobody left to send).
  void stop(std::uint64_t now_us);
  void sent() { ++sent_; }
  void delivered(std::uint64_t now_us, std::uint64_t latency_ns);
  void error(std::string_view condition);
  void unparsed() { ++unparsed_; }

  bool sending() const { return started_ && !stopped_; }
  std::uint64_t sent_count() const { return sent_; }
  /// Every sent message came back, as a delivery or an error.
  bool all_answered() const { return delivered_ + errors_ + unparsed_ >= sent_; }

  /// Appends ",\n  \"messaging\": {...}".
  void report_json(std::string& out, const MessagingSetup& setup) const;
  void print_summary() const;

 private:
  /// The sending window's length; up to now if sending did not stop.
  double window_s() const;

  bool started_ = false, stopped_ = false;
  std::uint64_t start_us_ = 0, stop_us_ = 0;
  std::uint32_t pairs_ = 0;
  std::uint64_t sent_ = 0, delivered_ = 0, in_window_ = 0, errors_ = 0, unparsed_ = 0;
  std::map<std::string, std::uint64_t> conditions_;
  std::vector<std::uint32_t> latency_us_;
  std::vector<std::uint32_t> per_second_;  ///< deliveries in each second since the start
};

}  // namespace djabberd::loadgen
