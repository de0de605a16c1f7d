// Relaxed atomic counters of federation, read by djabberctl and the metrics endpoint.
#include "actors/s2s/s2s_metrics.hpp"

#include <atomic>

#include <caf/all.hpp>

namespace djabberd::s2s {

namespace {

std::atomic<std::uint64_t> in_open{0}, out_open{0}, external{0}, dialback{0};

}  // namespace

void track_stream(caf::local_actor* self, bool inbound) {
  auto& counter = inbound ? in_open : out_open;
  counter.fetch_add(1, std::memory_order_relaxed);
  self->attach_functor([&counter] { counter.fetch_sub(1, std::memory_order_relaxed); });
}

void stream_authenticated(bool, std::string_view method) {
  (method == "EXTERNAL" ? external : dialback).fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t streams_in() noexcept {
  return in_open.load(std::memory_order_relaxed);
}
std::uint64_t streams_out() noexcept {
  return out_open.load(std::memory_order_relaxed);
}
std::uint64_t auth_external() noexcept {
  return external.load(std::memory_order_relaxed);
}
std::uint64_t auth_dialback() noexcept {
  return dialback.load(std::memory_order_relaxed);
}

}  // namespace djabberd::s2s
