// last_pg against a real PostgreSQL: the store, and the plugin's hooks through its pool.
#include <cstdint>
#include <utility>

#include <gtest/gtest.h>

#include "actors/message_types.hpp"
#include "plugins/last_pg/last_pg_plugin.hpp"
#include "plugins/last_pg/pg_last_store.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::last_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;
using logout = std::pair<std::int64_t, std::string>;

class LastPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("last_activity");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, last_schema), "");
  }
};

TEST_F(LastPg, StoresPerDomainAndOwnerAndRecoversFromALostConnection) {
  pg_last_store store(conninfo_);
  EXPECT_FALSE(store.get("localhost", "alice@localhost"));
  EXPECT_EQ(store.last_error(), "");
  ASSERT_TRUE(store.set("localhost", "alice@localhost", 1700000000, "gone")) << store.last_error();
  ASSERT_TRUE(store.set("localhost", "alice@localhost", 4102444800, "back ☺"));  // after 2038
  ASSERT_EQ(kill_other_connections(), "");
  ASSERT_TRUE(store.set("example.org", "alice@localhost", 5, "")) << store.last_error();
  pg_last_store other(conninfo_);
  EXPECT_EQ(other.get("localhost", "alice@localhost"), (logout{4102444800, "back ☺"}));
  EXPECT_EQ(other.get("example.org", "alice@localhost"), (logout{5, ""}));
  ASSERT_TRUE(other.remove("localhost", "alice@localhost"));
  EXPECT_FALSE(other.get("localhost", "alice@localhost"));
  EXPECT_EQ(other.get("example.org", "alice@localhost"), (logout{5, ""}));
}

TEST_F(LastPg, PluginAnswersEveryHookAndFailsOnErrors) {
  configure("last_pg");
  auto regs = start(&last_pg::start, 0);
  ASSERT_EQ(regs.size(), 3u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::last_get);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::last_set);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::account_deleted);
  auto actor = regs[0].handler;
  auto get = [&] {
    return ask_hook(system_, actor, atoms::last_get::value, std::string{"localhost"},
                    std::string{"alice@localhost"});
  };
  auto none = get();
  EXPECT_TRUE(none.declined()) << none.error;
  auto set =
      ask_hook(system_, actor, atoms::last_set::value, std::string{"localhost"},
               std::string{"alice@localhost"}, std::int64_t{1700000000}, std::string{"Away"});
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));
  auto got = get();
  ASSERT_TRUE(got.handled()) << got.error;
  EXPECT_EQ(got.payload.get_as<std::int64_t>(0), 1700000000);
  EXPECT_EQ(got.payload.get_as<std::string>(1), "Away");

  auto deleted = ask_hook(system_, actor, atoms::account_deleted::value, std::string{"localhost"},
                          std::string{"alice"});
  EXPECT_TRUE(deleted.declined()) << deleted.error;
  EXPECT_TRUE(get().declined());

  ASSERT_EQ(run_sql("DROP TABLE last_activity"), "");
  auto failed = get();
  EXPECT_FALSE(failed.answered);
  EXPECT_NE(failed.error, "");
  auto refused = ask_hook(system_, actor, atoms::last_set::value, std::string{"localhost"},
                          std::string{"alice@localhost"}, std::int64_t{1}, std::string{});
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
}

TEST_F(LastPg, ReportsAnUnreachableDatabaseAtConninfo) {
  configure("last_pg", "", "", "host=/nonexistent-pg-socket-dir dbname=x");
  std::string key;
  EXPECT_NE(start_error(&last_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].conninfo");
}

}  // namespace
}  // namespace djabberd::plugins::last_pg
