// A sliding-window limit per key: at most `max` events within `window`.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

namespace djabberd::plugins::register_ {

class rate_limit {
 public:
  using clock = std::chrono::steady_clock;

  /// `max` 0 means no limit.
  rate_limit(std::size_t max, std::chrono::seconds window) : max_(max), window_(window) {}

  /// Whether one more event for `key` at `now` stays within the limit.
  bool allows(const std::string& key, clock::time_point now);
  /// Records an event for `key` at `now`.
  void record(const std::string& key, clock::time_point now);

 private:
  void expire(std::deque<clock::time_point>& events, clock::time_point now) const;

  std::size_t max_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, std::deque<clock::time_point>> events_;
};

}  // namespace djabberd::plugins::register_
