// Messaging bookkeeping: deliveries inside the sending window give the rate, all give latency.
#include "bench/loadgen/messaging_stats.hpp"

#include <cstdio>

#include "bench/loadgen/context.hpp"
#include "bench/loadgen/json_out.hpp"
#include "bench/loadgen/stats.hpp"

namespace djabberd::loadgen {

void MessagingStats::start(std::uint64_t now_us, std::uint32_t pairs) {
  started_ = true;
  start_us_ = now_us;
  pairs_ = pairs;
}

void MessagingStats::stop(std::uint64_t now_us) {
  if (!started_ || stopped_) return;
  stopped_ = true;
  stop_us_ = now_us;
}

void MessagingStats::delivered(std::uint64_t now_us, std::uint64_t latency_ns) {
  ++delivered_;
  if (!stopped_) ++in_window_;
  const std::uint64_t us = latency_ns / 1000;
  latency_us_.push_back(us > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(us));
  const std::size_t second = now_us > start_us_ ? (now_us - start_us_) / 1'000'000 : 0;
  if (second >= per_second_.size()) per_second_.resize(second + 1, 0);
  ++per_second_[second];
}

void MessagingStats::error(std::string_view condition) {
  ++errors_;
  ++conditions_[condition.empty() ? std::string{"(none)"} : std::string{condition}];
}

double MessagingStats::window_s() const {
  if (!started_) return 0;
  return static_cast<double>((stopped_ ? stop_us_ : now_us()) - start_us_) / 1e6;
}

void MessagingStats::report_json(std::string& out, const MessagingSetup& setup) const {
  const double window = window_s();
  const auto rate = [window](std::uint64_t n) {
    return window > 0 ? static_cast<double>(n) / window : 0.0;
  };
  out += ",\n  \"messaging\": {\n    \"mode\": ";
  out += setup.offered_rate > 0 ? "\"fixed_rate\"" : "\"saturation\"";
  out += ",\n    \"pairs\": " + std::to_string(pairs_);
  out += ",\n    \"window\": " + std::to_string(setup.window);
  out += ",\n    \"offered_rate\": ";
  json::number(out, setup.offered_rate);
  out += ",\n    \"messages_limit\": " + std::to_string(setup.limit);
  out += ",\n    \"duration_s\": ";
  json::number(out, setup.duration_s);
  out += ",\n    \"sent\": " + std::to_string(sent_);
  out += ",\n    \"delivered\": " + std::to_string(delivered_);
  out += ",\n    \"delivered_in_window\": " + std::to_string(in_window_);
  out += ",\n    \"errors\": " + std::to_string(errors_);
  out += ",\n    \"error_conditions\": ";
  json::counts(out, conditions_);
  out += ",\n    \"unparsed\": " + std::to_string(unparsed_);
  const std::uint64_t answered = delivered_ + errors_ + unparsed_;
  out += ",\n    \"lost\": " + std::to_string(sent_ > answered ? sent_ - answered : 0);
  out += ",\n    \"window_s\": ";
  json::number(out, window);
  out += ",\n    \"msgs_per_s\": ";
  json::number(out, rate(in_window_));
  out += ",\n    \"send_rate\": ";
  json::number(out, rate(sent_));
  out += ",\n    \"latency_ms\": ";
  json::summary(out, summarize(latency_us_));
  out += ",\n    \"delivered_per_second\": [";
  for (std::size_t i = 0; i < per_second_.size(); ++i) {
    out += (i == 0 ? "" : ", ") + std::to_string(per_second_[i]);
  }
  out += "]\n  }";
}

void MessagingStats::print_summary() const {
  const double window = window_s();
  const Summary lat = summarize(latency_us_);
  std::fprintf(
      stderr,
      "djabberd-loadgen: messaging %u pairs: sent %llu, delivered %llu (%llu in the %.1f s "
      "window: %.0f msgs/s), errors %llu; latency p50 %.2f ms p99 %.2f ms max %.2f ms\n",
      pairs_, static_cast<unsigned long long>(sent_), static_cast<unsigned long long>(delivered_),
      static_cast<unsigned long long>(in_window_), window,
      window > 0 ? static_cast<double>(in_window_) / window : 0.0,
      static_cast<unsigned long long>(errors_), lat.p50, lat.p99, lat.max);
}

}  // namespace djabberd::loadgen
