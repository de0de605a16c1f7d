// caps_cache: a bounded map plus the versions being asked about.
#include "actors/caps/caps_cache.hpp"

namespace djabberd::caps {

features_ptr caps_cache::find(const std::string& ver) const {
  std::lock_guard lock(mutex_);
  auto it = known_.find(ver);
  return it == known_.end() ? nullptr : it->second;
}

bool caps_cache::begin_query(const std::string& ver, clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (known_.count(ver)) return false;
  auto it = asking_.find(ver);
  if (it != asking_.end() && now - it->second < query_timeout) return false;
  // Bounded too: entries of queries that never answered are replaced by later ones.
  if (asking_.size() >= capacity_) asking_.clear();
  asking_[ver] = now;
  return true;
}

void caps_cache::store(const std::string& ver, feature_set features) {
  std::lock_guard lock(mutex_);
  asking_.erase(ver);
  if (known_.count(ver)) return;
  known_.emplace(ver, std::make_shared<const feature_set>(std::move(features)));
  order_.push_back(ver);
  while (known_.size() > capacity_) {
    known_.erase(order_.front());
    order_.pop_front();
  }
}

void caps_cache::query_failed(const std::string& ver) {
  std::lock_guard lock(mutex_);
  asking_.erase(ver);
}

std::size_t caps_cache::size() const {
  std::lock_guard lock(mutex_);
  return known_.size();
}

caps_cache& shared_cache() {
  static caps_cache cache{10000};
  return cache;
}

}  // namespace djabberd::caps
