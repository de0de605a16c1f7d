// private_pg against a real PostgreSQL: keys, the plugin's pool, and errors.
#include <gtest/gtest.h>

#include "actors/message_types.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/private_pg/pg_private_store.hpp"
#include "plugins/private_pg/private_pg_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::private_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;

class PrivatePg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("private_storage");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, private_schema), "");
  }
};

TEST_F(PrivatePg, KeysAreSeparateAndRecoverFromALostConnection) {
  pg_private_store store(conninfo_);
  ASSERT_TRUE(store.set("localhost", "alice@localhost", "{a}x", "<x xmlns='a'>1</x>"))
      << store.last_error();
  ASSERT_TRUE(store.set("localhost", "alice@localhost", "{a}x", "<x xmlns='a'>2</x>"));
  ASSERT_EQ(kill_other_connections(), "");
  ASSERT_TRUE(store.set("localhost", "alice@localhost", "{b}x", "<x xmlns='b'/>"))
      << store.last_error();
  EXPECT_EQ(store.get("localhost", "alice@localhost", "{a}x"), "<x xmlns='a'>2</x>");
  EXPECT_EQ(store.get("localhost", "alice@localhost", "{b}x"), "<x xmlns='b'/>");
  EXPECT_FALSE(store.get("localhost", "bob@localhost", "{a}x"));
  EXPECT_FALSE(store.get("example.org", "alice@localhost", "{a}x"));
  EXPECT_EQ(store.last_error(), "");
  // A deleted account's elements go, every key; other accounts keep theirs.
  ASSERT_TRUE(store.set("localhost", "bob@localhost", "{a}x", "<x xmlns='a'>bob</x>"));
  ASSERT_TRUE(store.forget("localhost", "alice@localhost")) << store.last_error();
  EXPECT_FALSE(store.get("localhost", "alice@localhost", "{a}x"));
  EXPECT_FALSE(store.get("localhost", "alice@localhost", "{b}x"));
  EXPECT_EQ(store.get("localhost", "bob@localhost", "{a}x"), "<x xmlns='a'>bob</x>");
}

TEST_F(PrivatePg, PluginStoresUnderTheElementsKeyAndFailsOnErrors) {
  configure("private_pg", "connections = 1\n");
  auto regs = start(&private_pg::start, 0);
  ASSERT_EQ(regs.size(), 3u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::private_get);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::private_set);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::account_deleted);
  auto actor = regs[0].handler;
  auto bookmarks = xml::make_element("storage", "storage:bookmarks");
  bookmarks->add_child("conference", "storage:bookmarks").set_attr("jid", "r@muc.localhost");
  auto set = ask_hook(system_, actor, atoms::private_set::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, xml::element_ptr{bookmarks});
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));
  auto got = ask_hook(system_, actor, atoms::private_get::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, std::string{"{storage:bookmarks}storage"});
  ASSERT_TRUE(got.handled()) << got.error;
  auto back = got.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *bookmarks);
  auto none = ask_hook(system_, actor, atoms::private_get::value, std::string{"localhost"},
                       std::string{"alice@localhost"}, std::string{"{urn:x}y"});
  ASSERT_TRUE(none.handled()) << none.error;
  EXPECT_FALSE(none.payload.get_as<xml::element_ptr>(0));

  ASSERT_EQ(run_sql("DROP TABLE private_storage"), "");
  EXPECT_FALSE(ask_hook(system_, actor, atoms::private_get::value, std::string{"localhost"},
                        std::string{"alice@localhost"}, std::string{"{urn:x}y"})
                   .answered);
  auto refused = ask_hook(system_, actor, atoms::private_set::value, std::string{"localhost"},
                          std::string{"alice@localhost"}, xml::element_ptr{bookmarks});
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
}

}  // namespace
}  // namespace djabberd::plugins::private_pg
