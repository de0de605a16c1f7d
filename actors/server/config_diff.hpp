// What a configuration reload cannot apply to the running server.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace djabberd {

/// The settings that differ between `running` and `next` and only take effect after a restart:
/// listeners, limits, data_dir, hook timeouts, the vhost list and each vhost's plugins. TLS files
/// and [log] are left out: a reload applies them. One short description per difference, e.g.
/// "c2s.listen" or "vhosts (added example.org)".
std::vector<std::string> restart_needed(const config::server_config& running,
                                        const config::server_config& next);

}  // namespace djabberd
