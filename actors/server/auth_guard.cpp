// The failed-login guard actor (see auth_guard.hpp).
#include "actors/server/auth_guard.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/server/metrics.hpp"
#include "auth/login_throttle.hpp"

namespace djabberd {

namespace {

/// How often stale failure windows and ended bans are dropped.
constexpr auto expire_interval = std::chrono::seconds(60);

struct guard_state {
  auth::login_throttle throttle{auth::login_policy{}};
  static inline const char* name = "auth-guard";
};

using guard_actor = caf::stateful_actor<guard_state>;

auth::login_policy policy_of(const config::limits_config& limits) {
  return {limits.login_delay, limits.login_max_delay, limits.login_ban_after, limits.login_window,
          limits.login_ban_time};
}

caf::behavior guard(guard_actor* self, auth::login_policy policy) {
  self->state.throttle.set_policy(policy);
  self->delayed_send(self, expire_interval, atoms::expire::value);
  auto now = [] { return std::chrono::steady_clock::now(); };
  return {
      [self, now, policy](atoms::login_fail, const std::string& address,
                          const std::string& account) -> std::int64_t {
        auto v = self->state.throttle.failed(address, account, now());
        if (v.delay.count() > 0) metrics::login_delayed();
        if (v.banned_now) {
          metrics::login_banned();
          log::warn("limits", "address ", address, " banned for ", policy.ban_time.count(),
                    " s after ", policy.ban_after, " failed logins");
        }
        return v.delay.count();
      },
      [self](atoms::login_ok, const std::string& account) {
        self->state.throttle.succeeded(account);
      },
      [self, now](atoms::banned, const std::string& address) -> std::string {
        auto left = self->state.throttle.banned(address, now());
        if (!left) return {};
        return "too many failed logins from " + address + "; try again in " +
               std::to_string(left->count()) + " seconds";
      },
      [self, now](atoms::bans) {
        std::vector<std::string> lines;
        for (const auto& b : self->state.throttle.bans(now()))
          lines.push_back(b.address + '\t' + std::to_string(b.remaining.count()));
        return lines;
      },
      [self](atoms::unban, const std::string& address) {
        bool lifted = self->state.throttle.unban(address);
        if (lifted) log::info("limits", "ban of ", address, " lifted by the administrator");
        return lifted;
      },
      [self, now](atoms::expire) {
        self->state.throttle.expire(now());
        self->delayed_send(self, expire_interval, atoms::expire::value);
      },
  };
}

}  // namespace

caf::actor spawn_auth_guard(caf::actor_system& sys, const config::limits_config& limits) {
  return sys.spawn(guard, policy_of(limits));
}

}  // namespace djabberd
