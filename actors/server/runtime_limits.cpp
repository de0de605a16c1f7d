// Process-wide limits (see runtime_limits.hpp).
#include "actors/server/runtime_limits.hpp"

#include <atomic>

#include "config/config.hpp"

namespace djabberd::limits {

namespace {

std::atomic<std::size_t>& roster_items() {
  static std::atomic<std::size_t> n{config::limits_config{}.max_roster_items};
  return n;
}

}  // namespace

std::size_t max_roster_items() noexcept {
  return roster_items().load(std::memory_order_relaxed);
}

void set_max_roster_items(std::size_t n) noexcept {
  roster_items().store(n, std::memory_order_relaxed);
}

}  // namespace djabberd::limits
