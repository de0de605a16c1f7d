// What an online connection does until the end of the run: idle, messaging between pairs, or
// counting its contacts' presences.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace djabberd::loadgen {

struct Connection;
struct Context;
struct Options;

class Scenario {
 public:
  virtual ~Scenario() = default;
  virtual std::string_view name() const = 0;
  /// The connection just sent its initial presence.
  virtual void on_online(Context& ctx, Connection& c) = 0;
  /// New text arrived on an online connection (in c.in; stream errors and the stream's end are
  /// already handled). The scenario consumes what it needs and trims c.in.
  virtual void on_data(Context& ctx, Connection& c) = 0;
  /// Every connection is online or failed; the hold begins at `now` (µs).
  virtual void on_hold_start(Context&, std::uint64_t /*now*/) {}
  /// Called on every turn of the event loop during the hold. Returns when (µs) it wants to be
  /// called again at the latest, or 0 if it has no timer.
  virtual std::uint64_t on_tick(Context&, std::uint64_t /*now*/) { return 0; }
  /// Nothing left to do: the hold may end before its time.
  virtual bool finished() const { return false; }
  /// Appends the scenario's own members to the JSON report (",\n  \"key\": value").
  virtual void report_json(std::string&) const {}
  /// A line or two for people on stderr.
  virtual void print_summary() const {}
};

/// The scenario called `name`, or nullptr if there is none.
std::unique_ptr<Scenario> make_scenario(std::string_view name, const Options& options);

/// The scenarios' names, for messages: "idle, messaging, presence".
std::string_view scenario_names();

}  // namespace djabberd::loadgen
