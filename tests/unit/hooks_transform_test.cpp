// hooks::run_transform: each handler sees the previous handler's value; failures keep it.
#include <memory>
#include <string>

#include "actors/hooks/run_transform.hpp"
#include "tests/unit/hooks_test_support.hpp"

namespace djabberd::hooks::testing {
namespace {

using go_atom = caf::atom_constant<caf::atom("go")>;

caf::behavior driver(caf::event_based_actor* self, hook_table_ptr table) {
  return {[=](go_atom) -> caf::result<std::string, bool> {
    auto rp = self->make_response_promise<std::string, bool>();
    auto inside = std::make_shared<bool>(true);
    run_transform(
        self, table, test_hook,
        caf::make_message(atoms::auth_user_exists::value, std::string{"localhost"}),
        caf::make_message(std::string{"v"}), [self, rp, inside](caf::message value) mutable {
          std::string out = value.match_elements<std::string>() ? value.get_as<std::string>(0)
                                                                : std::string{"<not a string>"};
          rp.deliver(std::move(out), *inside);
          self->quit();
        });
    *inside = false;
    return rp;
  }};
}

class HookTransform : public HookFixture {
 protected:
  std::string run(bool* synchronous = nullptr) {
    caf::scoped_actor self{system_};
    auto d = system_.spawn(driver, hook_table_ptr{table_});
    std::string result;
    self->request(d, 10s, go_atom::value)
        .receive(
            [&](std::string& value, bool sync) {
              result = std::move(value);
              if (synchronous) *synchronous = sync;
            },
            [&](caf::error& err) { ADD_FAILURE() << system_.render(err); });
    return result;
  }
};

TEST_F(HookTransform, EmptyChainKeepsTheValueSynchronously) {
  bool sync = false;
  EXPECT_EQ(run(&sync), "v");
  EXPECT_TRUE(sync);
}

TEST_F(HookTransform, EachHandlerSeesThePreviousValue) {
  add(handling, "a");
  add(declining, "b");
  add(handling, "c");
  EXPECT_EQ(run(), "c:a:v");
  EXPECT_EQ(log_->entries(), (names{"a", "b", "c"}));
}

TEST_F(HookTransform, PriorityDecidesOrder) {
  add(handling, "low", 1);
  add(handling, "high", 10);
  EXPECT_EQ(run(), "low:high:v");
}

TEST_F(HookTransform, LateAnswerIsWaitedFor) {
  add(late, "slow");
  add(handling, "fast");
  EXPECT_EQ(run(), "fast:slow:v");
}

TEST_F(HookTransform, TimeoutKeepsTheValue) {
  table_->set_timeout(test_hook, 50ms);
  add(handling, "first");
  auto quiet = add(silent, "quiet");
  add(handling, "last");
  EXPECT_EQ(run(), "last:first:v");
  EXPECT_EQ(quiet->failed, 1u);
}

TEST_F(HookTransform, ErrorAndCrashKeepTheValue) {
  table_->set_timeout(test_hook, 200ms);
  auto broken = add(failing, "broken");
  auto crashed = add(crashing, "crashed");
  add(handling, "next");
  EXPECT_EQ(run(), "next:v");
  EXPECT_EQ(broken->failed, 1u);
  EXPECT_EQ(crashed->failed, 1u);
}

}  // namespace
}  // namespace djabberd::hooks::testing
