// Failed-login bookkeeping: back-off per client address and per account, then address bans.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace djabberd::auth {

/// The knobs, from the [limits] section.
struct login_policy {
  std::chrono::milliseconds delay{250};       ///< wait after the 2nd failure, doubled after each
  std::chrono::milliseconds max_delay{4000};  ///< upper bound of that wait
  std::size_t ban_after = 20;                 ///< failures per address in `window` (0 = never)
  std::chrono::seconds window{600};
  std::chrono::seconds ban_time{900};
};

/// Pure logic (the caller passes the time); owned by the auth guard actor, not thread-safe.
/// Failures are counted in a fixed window per address and per account; a success forgets the
/// account's failures but not the address's, so a valid account does not reset a guesser.
class login_throttle {
 public:
  using clock = std::chrono::steady_clock;

  explicit login_throttle(login_policy policy) : policy_(policy) {}

  struct verdict {
    std::chrono::milliseconds delay{0};  ///< hold the SASL <failure/> this long
    bool banned_now = false;             ///< this failure got the address banned
  };

  verdict failed(const std::string& address, const std::string& account, clock::time_point now);
  void succeeded(const std::string& account);

  /// The remaining ban time of `address`, if it is banned.
  std::optional<std::chrono::seconds> banned(const std::string& address, clock::time_point now);
  /// Lifts a ban (and forgets the address's failures); false if it was not banned.
  bool unban(const std::string& address);

  struct ban {
    std::string address;
    std::chrono::seconds remaining;
  };
  std::vector<ban> bans(clock::time_point now);

  /// Forgets expired windows and bans, keeping memory bounded by recent activity.
  void expire(clock::time_point now);
  std::size_t tracked() const { return addresses_.size() + accounts_.size(); }

  void set_policy(login_policy policy) { policy_ = policy; }

 private:
  struct window {
    std::size_t failures = 0;
    clock::time_point start;
  };
  std::size_t count(std::unordered_map<std::string, window>& map, const std::string& key,
                    clock::time_point now);

  login_policy policy_;
  std::unordered_map<std::string, window> addresses_;
  std::unordered_map<std::string, window> accounts_;
  std::unordered_map<std::string, clock::time_point> bans_;  ///< address -> end of the ban
};

}  // namespace djabberd::auth
