// The settings of the offline_sqlite plugin.
#pragma once

#include <cstdint>

#include "config/plugin_settings.hpp"

namespace djabberd::plugins::offline_sqlite {

/// Validated settings of one vhost's offline_sqlite table.
struct offline_options {
  /// Messages kept per account; a message beyond this is refused (offline.store handled(false)).
  std::int64_t max_messages = 1000;
};

/// Reads `max_messages` (integer, 1..1000000, default 1000). Throws config::config_error naming
/// file, line and key for a bad value or any other key.
offline_options read_offline_options(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::offline_sqlite
