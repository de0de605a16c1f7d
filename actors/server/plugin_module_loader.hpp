// Loads the shared object named by a plugin table's `module` key and checks that it fits.
#pragma once

#include "actors/plugin_module.hpp"
#include "config/config.hpp"

namespace djabberd {

/// The module named by `plugin`'s `module` key, or nullptr when the table has no such key (the
/// plugin is then a compiled-in one). A relative path resolves against the folder of
/// `server.source_file`. Each path is dlopen()ed once per process (RTLD_NOW | RTLD_LOCAL) and
/// never closed, since actors it spawned may run its code until the actor system ends. Throws
/// config::config_error naming file, line and the `module` key when the file is missing, dlopen
/// fails, the entry symbol is absent, the build tags differ (plugin_module_incompatibility) or
/// the module's name differs from the table's `name`.
const plugin_module* load_configured_module(const config::server_config& server,
                                            const config::plugin_config& plugin);

}  // namespace djabberd
