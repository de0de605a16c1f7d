// A token bucket for the per-connection read rate: a sustained rate plus a burst allowance.
#pragma once

#include <chrono>
#include <cstddef>

namespace djabberd::c2s {

/// Holds up to `burst` tokens (bytes) and refills at `rate` tokens per second. take() may drive
/// the level below zero (a read has already happened); the reader pauses until the level is back
/// to `resume_level`. Pure logic: the caller passes the time.
class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  token_bucket(std::size_t rate, std::size_t burst, clock::time_point now);

  /// Spends `bytes` tokens; returns true if the reader may go on reading.
  bool take(std::size_t bytes, clock::time_point now);

  /// How long until the level reaches `level` tokens (zero if it has).
  clock::duration time_until(double level, clock::time_point now);

  double level(clock::time_point now);
  std::size_t burst() const { return burst_; }

 private:
  void refill(clock::time_point now);

  double rate_;
  std::size_t burst_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace djabberd::c2s
