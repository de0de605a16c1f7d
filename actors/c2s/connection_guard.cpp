// Per-connection limits in the socket broker (see connection_guard.hpp).
#include "actors/c2s/connection_guard.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/atoms.hpp"
#include "actors/server/metrics.hpp"

namespace djabberd::c2s {

connection_guard::connection_guard(caf::io::broker* self, caf::io::connection_handle hdl,
                                   const config::limits_config& limits, caf::actor listener,
                                   std::string address)
    : self_(self),
      hdl_(hdl),
      bucket_(limits.read_rate, limits.read_burst, token_bucket::clock::now()),
      max_write_queue_(limits.max_write_queue),
      listener_(std::move(listener)),
      address_(std::move(address)) {}

connection_guard::~connection_guard() {
  if (counted_ && listener_) caf::anon_send(listener_, atoms::unauth_end::value, address_);
}

void connection_guard::authenticated() {
  if (!counted_) return;
  counted_ = false;
  if (listener_) self_->send(listener_, atoms::unauth_end::value, address_);
}

namespace {

/// Reads per grant: the bucket is checked every this many reads (of up to read_size bytes).
constexpr std::size_t reads_per_grant = 4;

}  // namespace

void connection_guard::start_reading() {
  self_->trigger(hdl_, reads_per_grant);
}

void connection_guard::after_read(std::size_t bytes) {
  bucket_.take(bytes, token_bucket::clock::now());
}

void connection_guard::grant_used(std::size_t read_size) {
  if (paused_) return;
  auto now = token_bucket::clock::now();
  if (bucket_.level(now) > 0) {
    self_->trigger(hdl_, reads_per_grant);
    return;
  }
  // Empty: stay passive (the kernel's receive buffer then pushes back on the client over TCP)
  // until one full read fits again. A burst within read_burst never gets here.
  paused_ = true;
  metrics::read_paused();
  self_->delayed_send(self_, bucket_.time_until(static_cast<double>(read_size), now),
                      atoms::read_again::value);
}

void connection_guard::read_again() {
  if (!paused_) return;
  paused_ = false;
  self_->trigger(hdl_, reads_per_grant);
}

bool connection_guard::write_queue_overflowed() {
  if (overflowed_) return false;
  // wr_buf() is what the socket has not taken yet beyond the write in flight.
  if (self_->wr_buf(hdl_).size() <= max_write_queue_) return false;
  overflowed_ = true;
  metrics::slow_reader_closed();
  return true;
}

}  // namespace djabberd::c2s
