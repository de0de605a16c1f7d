// The idle scenario: authenticated connections that only hold their session open.
#include "bench/loadgen/idle_scenario.hpp"

#include <string>

#include "bench/loadgen/connection.hpp"

namespace djabberd::loadgen {

namespace {

class IdleScenario final : public Scenario {
 public:
  std::string_view name() const override { return "idle"; }

  void on_online(Context&, Connection&) override {}

  void on_data(Context&, Connection& c) override {
    // Keepalives and presence echoes are ignored; keep a tail so that a stream error split
    // across reads is still recognised.
    constexpr std::size_t keep = 512;
    if (c.in.size() > 2 * keep) c.in.erase(0, c.in.size() - keep);
  }
};

}  // namespace

std::unique_ptr<Scenario> make_idle_scenario() {
  return std::make_unique<IdleScenario>();
}

}  // namespace djabberd::loadgen
