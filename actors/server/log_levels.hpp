// Applies the [log] levels (the global one and the per-component ones) to the logger.
#pragma once

#include "config/config.hpp"

namespace djabberd {

/// Sets the global level and the component levels of `log` (at start and on reload).
void apply_log_levels(const config::log_config& log);

}  // namespace djabberd
