// What an online connection does until the end of the run (idle now; messaging, presence later).
#pragma once

#include <memory>
#include <string_view>

namespace djabberd::loadgen {

struct Connection;
struct Context;

class Scenario {
 public:
  virtual ~Scenario() = default;
  virtual std::string_view name() const = 0;
  /// The connection just sent its initial presence.
  virtual void on_online(Context& ctx, Connection& c) = 0;
  /// New text arrived on an online connection (in c.in; stream errors and the stream's end are
  /// already handled). The scenario consumes what it needs and trims c.in.
  virtual void on_data(Context& ctx, Connection& c) = 0;
};

/// The scenario called `name`, or nullptr if there is none.
std::unique_ptr<Scenario> make_scenario(std::string_view name);

}  // namespace djabberd::loadgen
