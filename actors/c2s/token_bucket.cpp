// Token bucket arithmetic (see token_bucket.hpp).
#include "actors/c2s/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace djabberd::c2s {

token_bucket::token_bucket(std::size_t rate, std::size_t burst, clock::time_point now)
    : rate_(static_cast<double>(std::max<std::size_t>(rate, 1))),
      burst_(burst),
      tokens_(static_cast<double>(burst)),
      last_(now) {}

void token_bucket::refill(clock::time_point now) {
  if (now <= last_) return;
  double seconds = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(static_cast<double>(burst_), tokens_ + seconds * rate_);
  last_ = now;
}

double token_bucket::level(clock::time_point now) {
  refill(now);
  return tokens_;
}

bool token_bucket::take(std::size_t bytes, clock::time_point now) {
  refill(now);
  tokens_ -= static_cast<double>(bytes);
  return tokens_ > 0;
}

token_bucket::clock::duration token_bucket::time_until(double level, clock::time_point now) {
  refill(now);
  if (tokens_ >= level) return clock::duration::zero();
  auto seconds = std::chrono::duration<double>((level - tokens_) / rate_);
  return std::chrono::ceil<clock::duration>(seconds);
}

}  // namespace djabberd::c2s
