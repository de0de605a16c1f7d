// Sends, paces, echoes and counts the messaging scenario's timestamped chat messages.
#include "bench/loadgen/messaging_scenario.hpp"

#include <cstdio>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/io.hpp"
#include "bench/loadgen/xmpp_text.hpp"

namespace djabberd::loadgen {

namespace {

bool is_online(const Connection& c) {
  return c.fd >= 0 && c.step == Step::online;
}

}  // namespace

MessagingScenario::MessagingScenario(const Options& options) : options_(options) {}

bool MessagingScenario::can_send(const Context& ctx, std::uint32_t i) const {
  return is_online(ctx.conns[i]) && is_online(ctx.conns[i ^ 1u]);
}

void MessagingScenario::queue_chat(Connection& c, std::uint32_t i) {
  c.out += prefixes_[i];
  c.out += std::to_string(now_ns());
  c.out += xmpp::chat_suffix();
  stats_.sent();
}

void MessagingScenario::write_out(Context& ctx, Connection& c, std::uint32_t i) {
  send_text(ctx, c, {});
  update_interest(ctx.epoll_fd, c, i);
}

void MessagingScenario::stop_sending(std::uint64_t now) {
  if (!stats_.sending()) return;
  stats_.stop(now);
  std::printf("MESSAGING stop sent=%llu\n", static_cast<unsigned long long>(stats_.sent_count()));
  std::fflush(stdout);
}

void MessagingScenario::on_hold_start(Context& ctx, std::uint64_t now) {
  const auto n = static_cast<std::uint32_t>(ctx.conns.size());
  prefixes_.resize(n);
  std::uint32_t pairs = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!can_send(ctx, i)) continue;
    if (i % 2 == 0) ++pairs;
    const std::uint64_t partner = static_cast<std::uint64_t>(options_.first_index) + (i ^ 1u);
    prefixes_[i] = xmpp::chat_prefix(options_.users_prefix + std::to_string(partner) + "@" +
                                     options_.domain + "/" + options_.resource);
  }
  started_ = true;
  start_us_ = now;
  end_us_ = now + static_cast<std::uint64_t>(options_.duration * 1e6);
  stats_.start(now, pairs);
  std::printf("MESSAGING start pairs=%u\n", pairs);
  std::fflush(stdout);
  if (pairs == 0) return stop_sending(now);
  if (options_.msg_rate > 0) return send_paced(ctx, now);
  for (std::uint32_t i = 0; i < n && stats_.sending(); ++i) {
    if (!can_send(ctx, i)) continue;
    for (std::uint32_t w = 0; w < options_.window && stats_.sent_count() < options_.messages; ++w) {
      queue_chat(ctx.conns[i], i);
    }
    write_out(ctx, ctx.conns[i], i);
    if (stats_.sent_count() >= options_.messages) stop_sending(now);
  }
}

void MessagingScenario::send_paced(Context& ctx, std::uint64_t now) {
  // Message k (from 0) is due at start + k / rate.
  const double elapsed = static_cast<double>(now - start_us_) / 1e6;
  std::uint64_t due = static_cast<std::uint64_t>(elapsed * options_.msg_rate) + 1;
  if (due > options_.messages) due = options_.messages;
  const auto n = static_cast<std::uint32_t>(ctx.conns.size());
  while (stats_.sending() && stats_.sent_count() < due) {
    std::uint32_t tries = 0;
    while (tries < n && !can_send(ctx, cursor_)) {
      cursor_ = (cursor_ + 1) % n;
      ++tries;
    }
    if (tries == n) return stop_sending(now);  // nobody left who can send
    const std::uint32_t i = cursor_;
    cursor_ = (cursor_ + 1) % n;
    queue_chat(ctx.conns[i], i);
    write_out(ctx, ctx.conns[i], i);
  }
  if (stats_.sent_count() >= options_.messages) stop_sending(now);
}

std::uint64_t MessagingScenario::on_tick(Context& ctx, std::uint64_t now) {
  if (!stats_.sending()) return 0;
  if (now >= end_us_) {
    stop_sending(now);
    return 0;
  }
  if (options_.msg_rate <= 0) return end_us_;
  send_paced(ctx, now);
  if (!stats_.sending()) return 0;
  const auto next =
      start_us_ + static_cast<std::uint64_t>(static_cast<double>(stats_.sent_count()) * 1e6 /
                                             options_.msg_rate);
  return next < end_us_ ? next : end_us_;
}

void MessagingScenario::on_data(Context& ctx, Connection& c) {
  const std::size_t drop = scan_messages(c.in, received_);
  const std::uint64_t now = now_ns();
  std::uint32_t replies = 0;
  for (const auto& m : received_) {
    if (m.error) {
      stats_.error(m.condition);
    } else if (m.stamp_ns) {
      stats_.delivered(now / 1000, *m.stamp_ns < now ? now - *m.stamp_ns : 0);
      ++replies;
    } else {
      stats_.unparsed();
    }
  }
  c.in.erase(0, drop);
  if (replies == 0 || options_.msg_rate > 0 || !stats_.sending()) return;
  // Saturation: one new message to the partner for each one that arrived.
  const std::uint32_t i = index_of(ctx, c);
  if (!can_send(ctx, i)) return;
  for (std::uint32_t r = 0; r < replies && stats_.sent_count() < options_.messages; ++r) {
    queue_chat(c, i);
  }
  send_text(ctx, c, {});
  if (stats_.sent_count() >= options_.messages) stop_sending(now / 1000);
}

bool MessagingScenario::finished() const {
  return started_ && !stats_.sending() && stats_.all_answered();
}

void MessagingScenario::report_json(std::string& out) const {
  stats_.report_json(out, MessagingSetup{options_.msg_rate, options_.window, options_.messages,
                                         options_.duration});
}

}  // namespace djabberd::loadgen
