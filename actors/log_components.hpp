// Per-component log levels ([log] components): a component logs at its own level instead of the
// global one, e.g. s2s at debug while the rest stays at info.
#pragma once

#include <map>
#include <string>

#include "actors/log.hpp"

namespace djabberd::log {

/// Replaces the per-component levels. A component is the name in brackets in a log line
/// ("s2s-in", "router", ...); a key matches a component equal to it or starting with it and a
/// '-' ("s2s" covers "s2s-in" and "s2s-out"). Components without a key use set_level's level.
void set_component_levels(std::map<std::string, level> levels);

}  // namespace djabberd::log
