// Counts the presences each fan-out client receives from its contacts.
#include "bench/loadgen/presence_scenario.hpp"

#include <cstdio>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/presence_scan.hpp"
#include "bench/loadgen/presence_tracker.hpp"

namespace djabberd::loadgen {

namespace {

class PresenceScenario final : public Scenario {
 public:
  explicit PresenceScenario(const Options& options)
      : options_(options), tracker_(options.first_index, options.count, options.contacts) {}

  std::string_view name() const override { return "presence"; }

  void on_online(Context& ctx, Connection&) override {
    // The first connection starts the run, so its start is the first login's.
    if (start_us_ == 0) start_us_ = ctx.conns.front().start_us;
  }

  void on_data(Context& ctx, Connection& c) override {
    const std::size_t drop = scan_presences(c.in, scanned_);
    const std::uint64_t now = now_us();
    const std::uint32_t client = index_of(ctx, c);
    for (std::string_view from : scanned_.available_from) {
      if (auto user = user_number(from, options_.users_prefix, options_.domain)) {
        tracker_.seen(client, *user, now);
      } else {
        tracker_.ignored("");
      }
    }
    for (std::string_view type : scanned_.other_types) tracker_.ignored(type);
    c.in.erase(0, drop);
    if (!announced_ && tracker_.complete()) {
      announced_ = true;
      std::printf("PRESENCE complete time_s=%.3f\n", (now - start_us_) / 1e6);
      std::fflush(stdout);
    }
  }

  bool finished() const override { return tracker_.complete(); }

  void report_json(std::string& out) const override { tracker_.report_json(out, start_us_); }

  void print_summary() const override {
    std::fprintf(stderr, "presence: %llu of %llu contact presences seen (%u clients incomplete)\n",
                 static_cast<unsigned long long>(tracker_.distinct()),
                 static_cast<unsigned long long>(tracker_.expected()),
                 tracker_.clients_incomplete());
  }

 private:
  const Options& options_;
  PresenceTracker tracker_;
  ScannedPresences scanned_;
  std::uint64_t start_us_ = 0;
  bool announced_ = false;
};

}  // namespace

std::unique_ptr<Scenario> make_presence_scenario(const Options& options) {
  return std::make_unique<PresenceScenario>(options);
}

}  // namespace djabberd::loadgen
