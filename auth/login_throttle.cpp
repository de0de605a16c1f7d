// Failed-login back-off and bans (see login_throttle.hpp).
#include "auth/login_throttle.hpp"

#include <algorithm>

namespace djabberd::auth {

std::size_t login_throttle::count(std::unordered_map<std::string, window>& map,
                                  const std::string& key, clock::time_point now) {
  auto& w = map[key];
  if (w.failures == 0 || now - w.start >= policy_.window) w = window{0, now};
  return ++w.failures;
}

login_throttle::verdict login_throttle::failed(const std::string& address,
                                               const std::string& account, clock::time_point now) {
  verdict v;
  std::size_t by_address = count(addresses_, address, now);
  std::size_t by_account = account.empty() ? 0 : count(accounts_, account, now);
  std::size_t n = std::max(by_address, by_account);
  if (n >= 2) {
    // delay * 2^(n-2), computed without overflow: stop doubling once past the maximum.
    auto d = policy_.delay;
    for (std::size_t i = 2; i < n && d < policy_.max_delay; ++i) d *= 2;
    v.delay = std::min(d, policy_.max_delay);
  }
  if (policy_.ban_after > 0 && by_address >= policy_.ban_after && !bans_.count(address)) {
    bans_[address] = now + policy_.ban_time;
    v.banned_now = true;
  }
  return v;
}

void login_throttle::succeeded(const std::string& account) {
  accounts_.erase(account);
}

std::optional<std::chrono::seconds> login_throttle::banned(const std::string& address,
                                                           clock::time_point now) {
  auto it = bans_.find(address);
  if (it == bans_.end()) return std::nullopt;
  if (it->second <= now) {
    bans_.erase(it);
    addresses_.erase(address);  // a fresh start after the ban
    return std::nullopt;
  }
  return std::chrono::ceil<std::chrono::seconds>(it->second - now);
}

bool login_throttle::unban(const std::string& address) {
  addresses_.erase(address);
  return bans_.erase(address) > 0;
}

std::vector<login_throttle::ban> login_throttle::bans(clock::time_point now) {
  expire(now);
  std::vector<ban> out;
  for (const auto& [address, end] : bans_)
    out.push_back({address, std::chrono::ceil<std::chrono::seconds>(end - now)});
  std::sort(out.begin(), out.end(),
            [](const ban& a, const ban& b) { return a.address < b.address; });
  return out;
}

void login_throttle::expire(clock::time_point now) {
  std::erase_if(bans_, [&](const auto& entry) { return entry.second <= now; });
  auto old = [&](const auto& entry) {
    return now - entry.second.start >= policy_.window && !bans_.count(entry.first);
  };
  std::erase_if(addresses_, old);
  std::erase_if(accounts_,
                [&](const auto& entry) { return now - entry.second.start >= policy_.window; });
}

}  // namespace djabberd::auth
