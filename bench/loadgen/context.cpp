// The monotonic clock the whole generator measures with (and stamps messages with).
#include "bench/loadgen/context.hpp"

#include <ctime>

namespace djabberd::loadgen {

std::uint64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

std::uint64_t now_us() {
  return now_ns() / 1000u;
}

}  // namespace djabberd::loadgen
