// hooks::run_chain in a real actor system: order, declines, late answers, timeouts, failures.
#include <chrono>
#include <string>

#include "actors/hooks/run_chain.hpp"
#include "tests/unit/hooks_test_support.hpp"

namespace djabberd::hooks::testing {
namespace {

using go_atom = caf::atom_constant<caf::atom("go")>;

/// Runs the chain when asked and answers (handled, payload).
caf::behavior driver(caf::event_based_actor* self, hook_table_ptr table) {
  return {[=](go_atom) -> caf::result<bool, caf::message> {
    auto rp = self->make_response_promise<bool, caf::message>();
    run_chain(self, table, test_hook, request(), [self, rp](chain_result r) mutable {
      rp.deliver(r.handled, std::move(r.payload));
      self->quit();
    });
    return rp;
  }};
}

class HookChain : public HookFixture {
 protected:
  /// Runs the chain from an event-based driver actor; returns whether it was handled.
  bool run(std::string* payload = nullptr) {
    caf::scoped_actor self{system_};
    auto d = system_.spawn(driver, hook_table_ptr{table_});
    bool handled_flag = false;
    bool answered = false;
    self->request(d, 10s, go_atom::value)
        .receive(
            [&](bool h, caf::message& m) {
              answered = true;
              handled_flag = h;
              if (payload && h && m.match_elements<std::string>())
                *payload = m.get_as<std::string>(0);
            },
            [&](caf::error& err) { ADD_FAILURE() << system_.render(err); });
    EXPECT_TRUE(answered);
    return handled_flag;
  }
};

TEST_F(HookChain, EmptyChainIsNotHandled) {
  EXPECT_FALSE(run());
}

TEST_F(HookChain, HandledFirstStopsTheChain) {
  add(handling, "a");
  add(handling, "b");
  std::string payload;
  EXPECT_TRUE(run(&payload));
  EXPECT_EQ(payload, "a:alice");
  EXPECT_EQ(log_->entries(), names{"a"});
}

TEST_F(HookChain, DeclinedThenHandled) {
  add(declining, "a");
  add(handling, "b");
  add(handling, "c");
  std::string payload;
  EXPECT_TRUE(run(&payload));
  EXPECT_EQ(payload, "b:alice");
  EXPECT_EQ(log_->entries(), (names{"a", "b"}));
}

TEST_F(HookChain, AllDeclinedIsNotHandled) {
  add(declining, "a");
  add(declining, "b");
  EXPECT_FALSE(run());
  EXPECT_EQ(log_->entries(), (names{"a", "b"}));
}

TEST_F(HookChain, LateAnswerThroughPromise) {
  add(declining, "a");
  add(late, "b");
  add(handling, "c");
  std::string payload;
  EXPECT_TRUE(run(&payload));
  EXPECT_EQ(payload, "b:alice");
  EXPECT_EQ(log_->entries(), (names{"a", "b"}));
}

TEST_F(HookChain, TimeoutCountsAsFailedAndMovesOn) {
  table_->set_timeout(test_hook, 50ms);
  auto quiet = add(silent, "quiet");
  auto next = add(handling, "next");
  auto start = std::chrono::steady_clock::now();
  std::string payload;
  EXPECT_TRUE(run(&payload));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
  EXPECT_EQ(payload, "next:alice");
  EXPECT_EQ(quiet->calls, 1u);
  EXPECT_EQ(quiet->failed, 1u);
  EXPECT_EQ(quiet->handled, 0u);
  EXPECT_EQ(quiet->declined, 0u);
  EXPECT_EQ(next->handled, 1u);
  // The time spent counts the wait up to the timeout for the silent handler.
  EXPECT_GE(quiet->busy_us, 50'000u);
  EXPECT_LT(next->busy_us, quiet->busy_us);
}

TEST_F(HookChain, ErrorReplyMovesOn) {
  auto broken = add(failing, "broken");
  add(handling, "next");
  std::string payload;
  EXPECT_TRUE(run(&payload));
  EXPECT_EQ(payload, "next:alice");
  EXPECT_EQ(broken->failed, 1u);
}

TEST_F(HookChain, HandlerThatQuitMovesOn) {
  auto gone = add(handling, "gone");
  add(declining, "next");
  {
    caf::scoped_actor self{system_};
    self->monitor(handlers_.front());
    self->send_exit(handlers_.front(), caf::exit_reason::user_shutdown);
    self->receive([](const caf::down_msg&) {});
  }
  EXPECT_FALSE(run());
  EXPECT_EQ(log_->entries(), names{"next"});
  EXPECT_EQ(gone->calls, 1u);
  EXPECT_EQ(gone->failed, 1u);
}

TEST_F(HookChain, HigherPriorityFirstAndStableForEquals) {
  add(declining, "low", 1);
  add(declining, "mid1", 5);
  add(declining, "high", 10);
  add(declining, "mid2", 5);
  add(declining, "mid3", 5);
  EXPECT_FALSE(run());
  EXPECT_EQ(log_->entries(), (names{"high", "mid1", "mid2", "mid3", "low"}));
  names order;
  for (const auto& r : table_->chain(test_hook)) order.push_back(r.plugin);
  EXPECT_EQ(order, log_->entries());
}

TEST_F(HookChain, CountersAcrossRuns) {
  auto a = add(declining, "a");
  auto b = add(handling, "b");
  auto c = add(handling, "c");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(run());
  EXPECT_EQ(a->calls, 3u);
  EXPECT_EQ(a->declined, 3u);
  EXPECT_EQ(a->handled, 0u);
  EXPECT_EQ(a->failed, 0u);
  EXPECT_EQ(b->calls, 3u);
  EXPECT_EQ(b->handled, 3u);
  EXPECT_EQ(b->declined, 0u);
  EXPECT_EQ(c->calls, 0u);
}

}  // namespace
}  // namespace djabberd::hooks::testing
