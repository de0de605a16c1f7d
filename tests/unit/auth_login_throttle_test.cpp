// Tests the failed-login back-off and bans (auth/login_throttle).
#include <gtest/gtest.h>

#include "auth/login_throttle.hpp"

namespace djabberd::auth {
namespace {

using namespace std::chrono_literals;
using clock = login_throttle::clock;

login_policy policy() {
  login_policy p;
  p.delay = 100ms;
  p.max_delay = 1000ms;
  p.ban_after = 5;
  p.window = 60s;
  p.ban_time = 120s;
  return p;
}

TEST(LoginThrottle, FirstFailureIsNotDelayedThenDoublesUpToTheMaximum) {
  login_throttle t(policy());
  auto now = clock::now();
  std::vector<long> delays;
  for (int i = 0; i < 6; ++i)
    delays.push_back(
        static_cast<long>(t.failed("10.0.0.1", "u" + std::to_string(i), now).delay.count()));
  EXPECT_EQ(delays, (std::vector<long>{0, 100, 200, 400, 800, 1000}));
}

TEST(LoginThrottle, AccountFailuresCountAcrossAddresses) {
  login_policy p = policy();
  p.ban_after = 0;
  login_throttle t(p);
  auto now = clock::now();
  EXPECT_EQ(t.failed("10.0.0.1", "alice@x", now).delay, 0ms);
  EXPECT_EQ(t.failed("10.0.0.2", "alice@x", now).delay, 100ms);
  EXPECT_EQ(t.failed("10.0.0.3", "alice@x", now).delay, 200ms);
  t.succeeded("alice@x");
  EXPECT_EQ(t.failed("10.0.0.4", "alice@x", now).delay, 0ms);
}

TEST(LoginThrottle, SuccessDoesNotResetTheAddress) {
  login_throttle t(policy());
  auto now = clock::now();
  t.failed("10.0.0.1", "a@x", now);
  t.failed("10.0.0.1", "a@x", now);
  t.succeeded("a@x");
  EXPECT_EQ(t.failed("10.0.0.1", "a@x", now).delay, 200ms);
}

TEST(LoginThrottle, BansAfterTheLimitUntilItExpires) {
  login_throttle t(policy());
  auto now = clock::now();
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(t.failed("10.0.0.1", "", now).banned_now);
  EXPECT_FALSE(t.banned("10.0.0.1", now));
  EXPECT_TRUE(t.failed("10.0.0.1", "", now).banned_now);
  EXPECT_FALSE(t.failed("10.0.0.1", "", now).banned_now);  // reported once
  ASSERT_TRUE(t.banned("10.0.0.1", now));
  EXPECT_EQ(*t.banned("10.0.0.1", now + 20s), 100s);
  EXPECT_FALSE(t.banned("10.0.0.2", now));
  EXPECT_FALSE(t.banned("10.0.0.1", now + 121s));
  // The ban's end also forgets the failures: the next one starts from scratch.
  EXPECT_EQ(t.failed("10.0.0.1", "", now + 122s).delay, 0ms);
}

TEST(LoginThrottle, FailuresOutsideTheWindowStartOver) {
  login_throttle t(policy());
  auto now = clock::now();
  for (int i = 0; i < 4; ++i) t.failed("10.0.0.1", "", now);
  EXPECT_FALSE(t.failed("10.0.0.1", "", now + 61s).banned_now);
  EXPECT_FALSE(t.banned("10.0.0.1", now + 61s));
}

TEST(LoginThrottle, UnbanAndListing) {
  login_throttle t(policy());
  auto now = clock::now();
  for (int i = 0; i < 5; ++i) t.failed("10.0.0.9", "", now);
  for (int i = 0; i < 5; ++i) t.failed("10.0.0.1", "", now);
  auto list = t.bans(now + 1s);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].address, "10.0.0.1");
  EXPECT_EQ(list[0].remaining, 119s);
  EXPECT_TRUE(t.unban("10.0.0.1"));
  EXPECT_FALSE(t.unban("10.0.0.1"));
  EXPECT_FALSE(t.banned("10.0.0.1", now));
  EXPECT_EQ(t.bans(now).size(), 1u);
}

TEST(LoginThrottle, ExpireBoundsMemory) {
  login_throttle t(policy());
  auto now = clock::now();
  for (int i = 0; i < 1000; ++i)
    t.failed("10.0." + std::to_string(i), "u" + std::to_string(i), now);
  EXPECT_EQ(t.tracked(), 2000u);
  t.expire(now + 61s);
  EXPECT_EQ(t.tracked(), 0u);
}

}  // namespace
}  // namespace djabberd::auth
