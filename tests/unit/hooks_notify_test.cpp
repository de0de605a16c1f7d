// hooks::run_notify: every handler is told in order, the caller never waits, failures counted.
#include <chrono>
#include <string>

#include "actors/hooks/run_notify.hpp"
#include "tests/unit/hooks_test_support.hpp"

namespace djabberd::hooks::testing {
namespace {

using HookNotify = HookFixture;

/// Waits until every counter in `cs` has seen its call answered (handled, declined or failed).
template <class... Cs>
bool settled(std::chrono::milliseconds timeout, const Cs&... cs) {
  auto done = [&] { return ((cs->handled + cs->declined + cs->failed == cs->calls) && ...); };
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (((cs->calls > 0) && ...) && done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

TEST_F(HookNotify, EmptyChainSpawnsNothing) {
  auto before = system_.registry().running();
  run_notify(system_, table_, test_hook, request());
  EXPECT_EQ(system_.registry().running(), before);
}

TEST_F(HookNotify, EveryHandlerRunsInOrderEvenAfterHandled) {
  auto a = add(handling, "a", 1);
  auto b = add(declining, "b", 5);
  auto c = add(handling, "c", 0);
  run_notify(system_, table_, test_hook, request());
  ASSERT_TRUE(log_->wait_for(3));
  EXPECT_EQ(log_->entries(), (names{"b", "a", "c"}));
  EXPECT_TRUE(settled(5s, a, b, c));
  EXPECT_EQ(a->handled, 1u);
  EXPECT_EQ(b->declined, 1u);
}

TEST_F(HookNotify, LateAnswerIsWaitedForBeforeTheNextHandler) {
  auto slow = add(late, "slow");
  add(handling, "next");
  run_notify(system_, table_, test_hook, request());
  ASSERT_TRUE(log_->wait_for(2));
  EXPECT_EQ(log_->entries(), (names{"slow", "next"}));
  EXPECT_EQ(slow->handled, 1u);  // "next" ran only after "slow" answered
}

TEST_F(HookNotify, SilentHandlerNeverBlocksTheCallerAndTimesOut) {
  table_->set_timeout(test_hook, 100ms);
  auto quiet = add(silent, "quiet");
  auto next = add(handling, "next");
  auto start = std::chrono::steady_clock::now();
  run_notify(system_, table_, test_hook, request());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 50ms);
  ASSERT_TRUE(log_->wait_for(2));
  EXPECT_TRUE(settled(5s, quiet, next));
  EXPECT_EQ(quiet->failed, 1u);
  EXPECT_EQ(next->handled, 1u);
}

TEST_F(HookNotify, ErrorAndCrashAreCountedAndTheRestRuns) {
  table_->set_timeout(test_hook, 200ms);
  auto broken = add(failing, "broken");
  auto crashed = add(crashing, "crashed");
  auto next = add(handling, "next");
  run_notify(system_, table_, test_hook, request());
  ASSERT_TRUE(log_->wait_for(3));
  EXPECT_TRUE(settled(5s, broken, crashed, next));
  EXPECT_EQ(broken->failed, 1u);
  EXPECT_EQ(crashed->failed, 1u);
  EXPECT_EQ(next->handled, 1u);
}

}  // namespace
}  // namespace djabberd::hooks::testing
