// The idle scenario: authenticated connections that only hold their session open.
#pragma once

#include <memory>

#include "bench/loadgen/scenario.hpp"

namespace djabberd::loadgen {

std::unique_ptr<Scenario> make_idle_scenario();

}  // namespace djabberd::loadgen
