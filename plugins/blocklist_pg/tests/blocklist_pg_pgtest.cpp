// blocklist_pg against a real PostgreSQL: the store, and the plugin's hooks through its pool.
#include <gtest/gtest.h>

#include "actors/message_types.hpp"
#include "plugins/blocklist_pg/blocklist_pg_plugin.hpp"
#include "plugins/blocklist_pg/pg_blocklist_store.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::blocklist_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;
using jids = std::vector<std::string>;

class BlocklistPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("blocklist");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, blocklist_schema), "");
  }
};

TEST_F(BlocklistPg, AddsRemovesPerDomainAndOwnerAndRecoversFromALostConnection) {
  pg_blocklist_store store(conninfo_);
  EXPECT_EQ(store.get("localhost", "alice@localhost"), jids{});
  ASSERT_TRUE(store.add("localhost", "alice@localhost", {"b@x", "a@x", "Z@x"}))
      << store.last_error();
  ASSERT_TRUE(store.add("localhost", "alice@localhost", {"a@x", "c@x"}));  // a@x kept once
  ASSERT_EQ(kill_other_connections(), "");
  ASSERT_TRUE(store.add("example.org", "alice@localhost", {"d@x"})) << store.last_error();
  pg_blocklist_store other(conninfo_);
  // Bytewise order, as blocklist_sqlite: upper case first.
  EXPECT_EQ(other.get("localhost", "alice@localhost"), (jids{"Z@x", "a@x", "b@x", "c@x"}));
  EXPECT_EQ(other.get("example.org", "alice@localhost"), jids{"d@x"});
  ASSERT_TRUE(store.remove("localhost", "alice@localhost", {"a@x", "unknown@x"}));
  EXPECT_EQ(store.get("localhost", "alice@localhost"), (jids{"Z@x", "b@x", "c@x"}));
  ASSERT_TRUE(store.remove("localhost", "alice@localhost", {}));
  EXPECT_EQ(store.get("localhost", "alice@localhost"), jids{});
  EXPECT_EQ(store.get("example.org", "alice@localhost"), jids{"d@x"});
}

TEST_F(BlocklistPg, PluginAnswersEveryHookAndFailsOnErrors) {
  configure("blocklist_pg");
  auto regs = start(&blocklist_pg::start, 0);
  ASSERT_EQ(regs.size(), 4u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::blocklist_get);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::blocklist_add);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::blocklist_remove);
  EXPECT_EQ(regs[3].hook, hooks::hook_id::account_deleted);
  auto actor = regs[0].handler;
  auto get = [&] {
    return ask_hook(system_, actor, atoms::blocklist_get::value, std::string{"localhost"},
                    std::string{"alice@localhost"});
  };
  auto empty = get();
  ASSERT_TRUE(empty.handled()) << empty.error;
  EXPECT_EQ(empty.payload.get_as<jids>(0), jids{});
  auto add = ask_hook(system_, actor, atoms::blocklist_add::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, jids{"eve@x", "mallory@x"});
  ASSERT_TRUE(add.handled()) << add.error;
  EXPECT_TRUE(add.payload.get_as<bool>(0));
  auto removed = ask_hook(system_, actor, atoms::blocklist_remove::value, std::string{"localhost"},
                          std::string{"alice@localhost"}, jids{"eve@x"});
  ASSERT_TRUE(removed.handled()) << removed.error;
  EXPECT_TRUE(removed.payload.get_as<bool>(0));
  auto one = get();
  ASSERT_TRUE(one.handled()) << one.error;
  EXPECT_EQ(one.payload.get_as<jids>(0), jids{"mallory@x"});

  // account.deleted is a notification: declined, and the list is gone.
  auto deleted = ask_hook(system_, actor, atoms::account_deleted::value, std::string{"localhost"},
                          std::string{"alice"});
  EXPECT_TRUE(deleted.declined()) << deleted.error;
  auto gone = get();
  ASSERT_TRUE(gone.handled()) << gone.error;
  EXPECT_EQ(gone.payload.get_as<jids>(0), jids{});

  ASSERT_EQ(run_sql("DROP TABLE blocklist"), "");
  auto failed = get();
  EXPECT_FALSE(failed.answered);
  EXPECT_NE(failed.error, "");
  auto refused = ask_hook(system_, actor, atoms::blocklist_add::value, std::string{"localhost"},
                          std::string{"alice@localhost"}, jids{"eve@x"});
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
  auto not_removed = ask_hook(system_, actor, atoms::blocklist_remove::value,
                              std::string{"localhost"}, std::string{"alice@localhost"}, jids{});
  ASSERT_TRUE(not_removed.handled()) << not_removed.error;
  EXPECT_FALSE(not_removed.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, actor, atoms::account_deleted::value, std::string{"localhost"},
                       std::string{"alice"})
                  .declined());
}

TEST_F(BlocklistPg, RefusesUnknownSettings) {
  configure("blocklist_pg", "table = \"x\"\n");
  std::string key;
  EXPECT_NE(start_error(&blocklist_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].table");
}

}  // namespace
}  // namespace djabberd::plugins::blocklist_pg
