// hooks::run_collect: every handler runs in order, handled parts are gathered, failures skipped.
#include <memory>
#include <string>
#include <vector>

#include "actors/hooks/run_collect.hpp"
#include "tests/unit/hooks_test_support.hpp"

namespace djabberd::hooks::testing {
namespace {

using go_atom = caf::atom_constant<caf::atom("go")>;

/// The outcome of one collect run.
struct collected {
  std::vector<std::string> parts;
  bool synchronous = false;  ///< `done` ran inside run_collect
};

caf::behavior driver(caf::event_based_actor* self, hook_table_ptr table) {
  return {[=](go_atom) -> caf::result<std::vector<std::string>, bool> {
    auto rp = self->make_response_promise<std::vector<std::string>, bool>();
    auto inside = std::make_shared<bool>(true);
    run_collect(self, table, test_hook, request(),
                [self, rp, inside](std::vector<caf::message> parts) mutable {
                  std::vector<std::string> out;
                  for (auto& p : parts)
                    if (p.match_elements<std::string>()) out.push_back(p.get_as<std::string>(0));
                  rp.deliver(std::move(out), *inside);
                  self->quit();
                });
    *inside = false;
    return rp;
  }};
}

class HookCollect : public HookFixture {
 protected:
  collected run() {
    caf::scoped_actor self{system_};
    auto d = system_.spawn(driver, hook_table_ptr{table_});
    collected result;
    self->request(d, 10s, go_atom::value)
        .receive(
            [&](std::vector<std::string>& parts, bool sync) {
              result.parts = std::move(parts);
              result.synchronous = sync;
            },
            [&](caf::error& err) { ADD_FAILURE() << system_.render(err); });
    return result;
  }
};

TEST_F(HookCollect, EmptyChainAnswersSynchronously) {
  auto r = run();
  EXPECT_TRUE(r.parts.empty());
  EXPECT_TRUE(r.synchronous);
}

TEST_F(HookCollect, EveryHandlerRunsAndPartsKeepChainOrder) {
  add(handling, "a");
  add(declining, "b");
  add(handling, "c");
  auto r = run();
  EXPECT_FALSE(r.synchronous);
  EXPECT_EQ(r.parts, (names{"a:alice", "c:alice"}));
  EXPECT_EQ(log_->entries(), (names{"a", "b", "c"}));
}

TEST_F(HookCollect, PriorityDecidesOrder) {
  add(handling, "low", 1);
  add(handling, "high", 10);
  add(handling, "mid", 5);
  EXPECT_EQ(run().parts, (names{"high:alice", "mid:alice", "low:alice"}));
}

TEST_F(HookCollect, LateAnswerIsWaitedFor) {
  add(late, "slow");
  add(handling, "fast");
  EXPECT_EQ(run().parts, (names{"slow:alice", "fast:alice"}));
}

TEST_F(HookCollect, TimeoutCountsAsFailedAndTheRestStillRuns) {
  table_->set_timeout(test_hook, 50ms);
  auto quiet = add(silent, "quiet");
  add(handling, "next");
  EXPECT_EQ(run().parts, names{"next:alice"});
  EXPECT_EQ(quiet->failed, 1u);
  EXPECT_EQ(quiet->handled, 0u);
}

TEST_F(HookCollect, ErrorAndCrashAreSkipped) {
  table_->set_timeout(test_hook, 200ms);
  auto broken = add(failing, "broken");
  auto crashed = add(crashing, "crashed");
  add(handling, "next");
  EXPECT_EQ(run().parts, names{"next:alice"});
  EXPECT_EQ(broken->failed, 1u);
  EXPECT_EQ(crashed->failed, 1u);
}

}  // namespace
}  // namespace djabberd::hooks::testing
