// The single-threaded epoll loop that paces, drives and finally closes every connection.
#include "bench/loadgen/driver.hpp"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>

#include "bench/loadgen/client.hpp"
#include "bench/loadgen/scenario.hpp"

namespace djabberd::loadgen {

namespace {

constexpr std::uint64_t signal_cookie = ~std::uint64_t{0};

std::uint64_t seconds_us(double s) {
  return static_cast<std::uint64_t>(s * 1e6);
}

std::uint64_t own_rss_kb() {
  std::ifstream status{"/proc/self/status"};
  std::string key;
  std::uint64_t value = 0;
  while (status >> key) {
    if (key == "VmRSS:") return (status >> value) ? value : 0;
    status.ignore(1 << 10, '\n');
  }
  return 0;
}

enum class Phase { ramp, hold, done };

class Loop {
 public:
  Loop(Context& ctx, int signal_fd) : ctx_(ctx), signal_fd_(signal_fd) {}

  RunResult run() {
    const Options& o = ctx_.options;
    t0_ = now_us();
    deadline_ = t0_ + seconds_us(o.deadline);
    next_progress_ = t0_ + 1'000'000;
    if (signal_fd_ >= 0) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = signal_cookie;
      epoll_ctl(ctx_.epoll_fd, EPOLL_CTL_ADD, signal_fd_, &ev);
    }
    std::vector<epoll_event> events(1024);
    while (phase_ != Phase::done) {
      const std::uint64_t now = now_us();
      launch_due(now);
      expire_logins(now);
      advance_phase(now);
      tick_scenario(now);
      if (phase_ == Phase::done) break;
      progress(now);
      const int n = epoll_wait(ctx_.epoll_fd, events.data(), static_cast<int>(events.size()),
                               wait_ms(now_us()));
      if (n < 0 && errno != EINTR) {
        std::fprintf(stderr, "djabberd-loadgen: epoll_wait: %s\n", std::strerror(errno));
        result_.end_reason = "epoll_error";
        break;
      }
      for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == signal_cookie) {
          signalfd_siginfo info{};
          if (read(signal_fd_, &info, sizeof(info)) > 0) stop("signal");
          continue;
        }
        handle_events(ctx_, static_cast<std::uint32_t>(events[i].data.u64), events[i].events);
      }
      result_.peak_online = std::max<std::uint64_t>(result_.peak_online, ctx_.online);
    }
    const std::uint64_t hold_end = now_us();
    if (hold_start_ != 0) result_.held_s = (hold_end - hold_start_) / 1e6;
    result_.online_at_hold_end = ctx_.online;
    for (auto& c : ctx_.conns) close_at_end(ctx_, c);
    result_.elapsed_s = (now_us() - t0_) / 1e6;
    return result_;
  }

 private:
  std::uint64_t start_time(std::uint32_t i) const {
    return t0_ + static_cast<std::uint64_t>(i / ctx_.options.rate * 1e6);
  }

  void launch_due(std::uint64_t now) {
    while (phase_ == Phase::ramp && launched_ < ctx_.conns.size() && start_time(launched_) <= now) {
      pending_.push_back(launched_);
      start_connection(ctx_, launched_++);
    }
  }

  /// Connections start in order and share one timeout, so the oldest unfinished one is first.
  void expire_logins(std::uint64_t now) {
    const std::uint64_t timeout = seconds_us(ctx_.options.login_timeout);
    while (!pending_.empty()) {
      Connection& c = ctx_.conns[pending_.front()];
      if (!c.logging_in) {
        pending_.pop_front();
      } else if (c.start_us + timeout <= now) {
        pending_.pop_front();
        end_connection(ctx_, c, "login_timeout");
      } else {
        break;
      }
    }
  }

  void advance_phase(std::uint64_t now) {
    if (phase_ == Phase::ramp && launched_ == ctx_.conns.size() && ctx_.in_progress == 0) {
      result_.ramp_s = (now - t0_) / 1e6;
      std::printf("READY established=%llu failed=%llu ramp_s=%.3f\n",
                  static_cast<unsigned long long>(ctx_.stats.established()),
                  static_cast<unsigned long long>(ctx_.stats.failed_count()), result_.ramp_s);
      std::fflush(stdout);
      if (ctx_.online == 0) return stop("all_failed");
      phase_ = Phase::hold;
      hold_start_ = now;
      hold_end_ = now + seconds_us(ctx_.options.hold);
      result_.generator_rss_kb = own_rss_kb();
      ctx_.scenario.on_hold_start(ctx_, now);
    }
    if (phase_ == Phase::hold && now >= hold_end_) return stop("hold_done");
    if (now >= deadline_) stop("deadline");
  }

  /// Lets the scenario send what is due; ends the hold once it has nothing left to do.
  void tick_scenario(std::uint64_t now) {
    if (phase_ != Phase::hold) return;
    scenario_wake_ = ctx_.scenario.on_tick(ctx_, now);
    if (ctx_.scenario.finished()) stop("scenario_done");
  }

  void stop(const char* why) {
    if (phase_ == Phase::done) return;
    if (phase_ == Phase::ramp) result_.ramp_s = (now_us() - t0_) / 1e6;
    phase_ = Phase::done;
    result_.end_reason = why;
  }

  void progress(std::uint64_t now) {
    if (now < next_progress_) return;
    next_progress_ += 1'000'000;
    if (ctx_.options.quiet) return;
    std::fprintf(
        stderr, "[%7.1fs] started %llu  online %u  logging in %u  failed %llu  dropped %llu\n",
        (now - t0_) / 1e6, static_cast<unsigned long long>(ctx_.stats.started_count()), ctx_.online,
        ctx_.in_progress, static_cast<unsigned long long>(ctx_.stats.failed_count()),
        static_cast<unsigned long long>(ctx_.stats.dropped_count()));
  }

  int wait_ms(std::uint64_t now) const {
    std::uint64_t next = std::min(deadline_, next_progress_);
    if (phase_ == Phase::ramp && launched_ < ctx_.conns.size()) {
      next = std::min(next, start_time(launched_));
    }
    if (!pending_.empty()) {
      next = std::min(
          next, ctx_.conns[pending_.front()].start_us + seconds_us(ctx_.options.login_timeout));
    }
    if (phase_ == Phase::hold) next = std::min(next, hold_end_);
    if (phase_ == Phase::hold && scenario_wake_ != 0) next = std::min(next, scenario_wake_);
    if (next <= now) return 0;
    return static_cast<int>(std::min<std::uint64_t>((next - now + 999) / 1000, 1000));
  }

  Context& ctx_;
  int signal_fd_;
  Phase phase_ = Phase::ramp;
  std::uint64_t t0_ = 0, deadline_ = 0, next_progress_ = 0, hold_start_ = 0, hold_end_ = 0;
  std::uint64_t scenario_wake_ = 0;  ///< when the scenario wants its next tick; 0 = no timer
  std::uint32_t launched_ = 0;
  std::deque<std::uint32_t> pending_;
  RunResult result_;
};

}  // namespace

RunResult run(Context& ctx, int signal_fd) {
  return Loop{ctx, signal_fd}.run();
}

}  // namespace djabberd::loadgen
