// rate_limit: old events are dropped whenever a key is looked at, so memory stays bounded by the
// keys seen within one window.
#include "plugins/register/rate_limit.hpp"

namespace djabberd::plugins::register_ {

void rate_limit::expire(std::deque<clock::time_point>& events, clock::time_point now) const {
  while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

bool rate_limit::allows(const std::string& key, clock::time_point now) {
  if (max_ == 0) return true;
  auto it = events_.find(key);
  if (it == events_.end()) return true;
  expire(it->second, now);
  if (it->second.empty()) {
    events_.erase(it);
    return true;
  }
  return it->second.size() < max_;
}

void rate_limit::record(const std::string& key, clock::time_point now) {
  if (max_ == 0) return;
  auto& events = events_[key];
  expire(events, now);
  events.push_back(now);
}

}  // namespace djabberd::plugins::register_
