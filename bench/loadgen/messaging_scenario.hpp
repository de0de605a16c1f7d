// The messaging scenario: users 2i and 2i+1 send each other timestamped chat messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/loadgen/chat_scan.hpp"
#include "bench/loadgen/messaging_stats.hpp"
#include "bench/loadgen/options.hpp"
#include "bench/loadgen/scenario.hpp"

namespace djabberd::loadgen {

/// Once every connection is online (so that every partner's full JID <prefix><j>@<domain>/
/// <resource> is bound), each client sends to its partner: with --msg-rate R > 0 at R
/// messages/s in total, round robin over the clients; with R = 0 (saturation) each client
/// starts with --window messages in flight and sends a new one for each one it receives.
/// Bodies carry the sender's monotonic clock in ns, so the receiver measures one-way latency.
/// Sending stops after --duration seconds or --messages messages.
class MessagingScenario final : public Scenario {
 public:
  explicit MessagingScenario(const Options& options);

  std::string_view name() const override { return "messaging"; }
  void on_online(Context&, Connection&) override {}
  void on_data(Context& ctx, Connection& c) override;
  void on_hold_start(Context& ctx, std::uint64_t now) override;
  std::uint64_t on_tick(Context& ctx, std::uint64_t now) override;
  bool finished() const override;
  void report_json(std::string& out) const override;
  void print_summary() const override { stats_.print_summary(); }

 private:
  /// Both ends of connection `i`'s pair are online.
  bool can_send(const Context& ctx, std::uint32_t i) const;
  /// Appends one timestamped message to the partner to c.out (not yet written).
  void queue_chat(Connection& c, std::uint32_t i);
  /// Writes c.out and adjusts the epoll interest.
  void write_out(Context& ctx, Connection& c, std::uint32_t i);
  /// Fixed rate: sends every message due by `now`, round robin over the clients.
  void send_paced(Context& ctx, std::uint64_t now);
  void stop_sending(std::uint64_t now);

  const Options& options_;
  MessagingStats stats_;
  std::vector<std::string> prefixes_;  ///< per connection: "<message to='partner'...><body>"
  std::vector<ReceivedMessage> received_;
  bool started_ = false;
  std::uint64_t start_us_ = 0, end_us_ = 0;
  std::uint32_t cursor_ = 0;  ///< next sender to try (fixed rate)
};

}  // namespace djabberd::loadgen
