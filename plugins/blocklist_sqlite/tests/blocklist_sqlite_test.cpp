// blocklist_sqlite: the store over a real database file, and the actor's replies.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/blocklist_sqlite/blocklist_sqlite_actor.hpp"
#include "plugins/blocklist_sqlite/blocklist_store.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::blocklist_sqlite {
namespace {

using testing::ask_hook;
using list = std::vector<std::string>;

TEST(BlocklistStore, AddsRemovesAndSurvivesReopening) {
  testing::temp_dir dir;
  std::string error;
  {
    auto store = blocklist_store::open(dir.path(), error);
    ASSERT_TRUE(store) << error;
    EXPECT_EQ(store->get("localhost", "alice@localhost"), list{});
    ASSERT_TRUE(store->add("localhost", "alice@localhost", {"b@x", "a@x", "c@x"}));
    ASSERT_TRUE(store->add("localhost", "alice@localhost", {"a@x"}));  // already there: kept once
    ASSERT_TRUE(store->add("example.org", "alice@localhost", {"z@x"}));
    ASSERT_TRUE(store->remove("localhost", "alice@localhost", {"b@x", "not@there"}));
  }
  auto store = blocklist_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(store->get("localhost", "alice@localhost"), (list{"a@x", "c@x"}));
  EXPECT_EQ(store->get("example.org", "alice@localhost"), list{"z@x"});
  ASSERT_TRUE(store->remove("localhost", "alice@localhost", {}));  // everything
  EXPECT_EQ(store->get("localhost", "alice@localhost"), list{});
  EXPECT_EQ(store->get("example.org", "alice@localhost"), list{"z@x"});
}

TEST(BlocklistSqliteActor, AnswersTheThreeHooks) {
  testing::temp_dir dir;
  std::string error;
  std::shared_ptr<blocklist_store> store = blocklist_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto actor = system.spawn<caf::detached>(blocklist_sqlite_actor, store);
  const std::string vhost = "localhost", owner = "alice@localhost";

  auto add = ask_hook(system, actor, atoms::blocklist_add::value, vhost, owner, list{"e@x"});
  ASSERT_TRUE(add.handled()) << add.error;
  EXPECT_TRUE(add.payload.get_as<bool>(0));
  auto got = ask_hook(system, actor, atoms::blocklist_get::value, vhost, owner);
  ASSERT_TRUE(got.handled()) << got.error;
  EXPECT_EQ(got.payload.get_as<list>(0), list{"e@x"});
  auto removed = ask_hook(system, actor, atoms::blocklist_remove::value, vhost, owner, list{});
  ASSERT_TRUE(removed.handled()) << removed.error;
  EXPECT_TRUE(removed.payload.get_as<bool>(0));
  auto empty = ask_hook(system, actor, atoms::blocklist_get::value, vhost, owner);
  ASSERT_TRUE(empty.handled()) << empty.error;
  EXPECT_TRUE(empty.payload.get_as<list>(0).empty());
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::blocklist_sqlite
