// Limits read by actors that have no server context (account actors), as process-wide atomics.
#pragma once

#include <cstddef>

namespace djabberd::limits {

/// limits.max_roster_items: set at start-up and on reload; read on every roster set. A relaxed
/// atomic rather than a parameter so the router and account actors need no configuration.
std::size_t max_roster_items() noexcept;
void set_max_roster_items(std::size_t n) noexcept;

}  // namespace djabberd::limits
