// Decides whether a shared-object plugin was built compatibly with this daemon.
#pragma once

#include <string>

#include "actors/plugin_module.hpp"

namespace djabberd {

/// Compares a module's build tags with the daemon's. Returns "" when they match, otherwise one
/// sentence naming the first difference (ABI version first, since a module of another ABI may
/// lay out everything after `tags` differently) and how to fix it.
std::string plugin_module_incompatibility(const plugin_build_tags& module,
                                          const plugin_build_tags& daemon);

}  // namespace djabberd
