// Stats bookkeeping and nearest-rank percentiles.
#include "bench/loadgen/stats.hpp"

#include <algorithm>
#include <cmath>

namespace djabberd::loadgen {

Summary summarize(std::vector<std::uint32_t> samples_us) {
  Summary s;
  s.n = samples_us.size();
  if (samples_us.empty()) return s;
  std::sort(samples_us.begin(), samples_us.end());
  auto rank = [&](double p) {
    std::size_t r = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(s.n)));
    return samples_us[std::clamp<std::size_t>(r, 1, s.n) - 1] / 1000.0;
  };
  s.p50 = rank(50);
  s.p90 = rank(90);
  s.p99 = rank(99);
  s.max = samples_us.back() / 1000.0;
  double total = 0;
  for (auto v : samples_us) total += v;
  s.mean = total / static_cast<double>(s.n) / 1000.0;
  return s;
}

void Stats::reserve(std::size_t n) {
  connect_us_.reserve(n);
  tls_us_.reserve(n);
  login_us_.reserve(n);
}

void Stats::logged_in(std::uint64_t us) {
  ++established_;
  login_us_.push_back(clamp(us));
}

void Stats::failed(std::string_view reason) {
  ++failed_;
  ++failures_[std::string{reason}];
}

void Stats::dropped(std::string_view reason) {
  ++dropped_;
  ++drops_[std::string{reason}];
}

}  // namespace djabberd::loadgen
