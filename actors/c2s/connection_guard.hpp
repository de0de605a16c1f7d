// The limits a connection's socket broker enforces: read rate, unsent bytes, unauthenticated slot.
#pragma once

#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/io/broker.hpp>

#include "actors/c2s/token_bucket.hpp"
#include "config/config.hpp"

namespace djabberd::c2s {

/// Lives as long as the broker (shared by its handlers). Not thread-safe: the broker's only.
class connection_guard {
 public:
  /// `listener` counted this connection as unauthenticated for `address` (admission).
  connection_guard(caf::io::broker* self, caf::io::connection_handle hdl,
                   const config::limits_config& limits, caf::actor listener, std::string address);
  /// Gives the unauthenticated slot back if the client never authenticated.
  ~connection_guard();
  connection_guard(const connection_guard&) = delete;
  connection_guard& operator=(const connection_guard&) = delete;

  /// Starts reading in grants of a few reads (CAF activity tokens): reading stops by itself
  /// after each grant, which is the only way to stop a broker's read loop at once (halt() only
  /// takes effect after up to middleman.max-consecutive-reads more reads).
  void start_reading();
  /// After reading `bytes`: spends them from the token bucket.
  void after_read(std::size_t bytes);
  /// connection_passivated_msg (a grant is used up): grants more reads while the bucket has
  /// tokens, else pauses and schedules (atoms::read_again) for when one full read fits again.
  void grant_used(std::size_t read_size);
  /// (atoms::read_again): reads again.
  void read_again();

  /// After queueing output: true once (the first time) the bytes the socket has not taken yet
  /// exceed limits.max_write_queue, i.e. the client stopped reading.
  bool write_queue_overflowed();
  bool overflowed() const { return overflowed_; }

  /// The client authenticated: the listener uncounts it.
  void authenticated();

 private:
  caf::io::broker* self_;
  caf::io::connection_handle hdl_;
  token_bucket bucket_;
  std::size_t max_write_queue_;
  caf::actor listener_;
  std::string address_;
  bool counted_ = true;
  bool paused_ = false;
  bool overflowed_ = false;
};

}  // namespace djabberd::c2s
