// The server-wide cache of entity capabilities (XEP-0115 §6.3): feature lists by verified 'ver',
// shared by every account actor, so a client version is asked about once per server.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace djabberd::caps {

using feature_set = std::set<std::string, std::less<>>;
using features_ptr = std::shared_ptr<const feature_set>;

/// Thread-safe (account actors run on any scheduler thread); every call holds the lock for a map
/// lookup only. Keeps at most `capacity` entries, dropping the oldest first.
class caps_cache {
 public:
  using clock = std::chrono::steady_clock;
  /// How long one disco#info query may take before another account actor may ask again.
  static constexpr std::chrono::seconds query_timeout{10};

  explicit caps_cache(std::size_t capacity) : capacity_(capacity) {}

  /// The features of `ver`, or nullptr if unknown.
  features_ptr find(const std::string& ver) const;
  /// true: the caller should ask (nobody knows `ver` and nobody asked in the last query_timeout);
  /// it is then marked as being asked.
  bool begin_query(const std::string& ver, clock::time_point now);
  /// A verified answer for `ver`.
  void store(const std::string& ver, feature_set features);
  /// The query for `ver` failed (error, or a hash mismatch): someone may ask again at once.
  void query_failed(const std::string& ver);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::map<std::string, features_ptr, std::less<>> known_;
  std::deque<std::string> order_;  ///< insertion order of known_, for eviction
  std::map<std::string, clock::time_point, std::less<>> asking_;
};

/// The process-wide cache (10,000 versions: a few MB at most).
caps_cache& shared_cache();

}  // namespace djabberd::caps
