// Picks the scenario by its --scenario name.
#include "bench/loadgen/scenario.hpp"

#include "bench/loadgen/idle_scenario.hpp"
#include "bench/loadgen/messaging_scenario.hpp"
#include "bench/loadgen/presence_scenario.hpp"

namespace djabberd::loadgen {

std::unique_ptr<Scenario> make_scenario(std::string_view name, const Options& options) {
  if (name == "idle") return make_idle_scenario();
  if (name == "messaging") return std::make_unique<MessagingScenario>(options);
  if (name == "presence") return make_presence_scenario(options);
  return nullptr;
}

std::string_view scenario_names() {
  return "idle, messaging, presence";
}

}  // namespace djabberd::loadgen
