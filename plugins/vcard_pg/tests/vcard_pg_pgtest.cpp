// vcard_pg against a real PostgreSQL: the store, the plugin's pool parsing stored XML back.
#include <gtest/gtest.h>

#include "actors/message_types.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/vcard_pg/pg_vcard_store.hpp"
#include "plugins/vcard_pg/vcard_pg_plugin.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::vcard_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;

class VcardPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("vcards");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, vcard_schema), "");
  }
};

TEST_F(VcardPg, StoresPerDomainAndOwnerAndRecoversFromALostConnection) {
  pg_vcard_store store(conninfo_);
  EXPECT_FALSE(store.get("localhost", "alice@localhost"));
  EXPECT_EQ(store.last_error(), "");
  ASSERT_TRUE(store.set("localhost", "alice@localhost", "<a/>")) << store.last_error();
  ASSERT_TRUE(store.set("localhost", "alice@localhost", "<b/>"));
  ASSERT_EQ(kill_other_connections(), "");
  ASSERT_TRUE(store.set("example.org", "alice@localhost", "<c/>")) << store.last_error();
  pg_vcard_store other(conninfo_);
  EXPECT_EQ(other.get("localhost", "alice@localhost"), "<b/>");
  EXPECT_EQ(other.get("example.org", "alice@localhost"), "<c/>");
  EXPECT_FALSE(other.get("localhost", "bob@localhost"));
  // A deleted account's vCard goes; the same name on another domain keeps its own.
  ASSERT_TRUE(other.forget("localhost", "alice@localhost")) << other.last_error();
  EXPECT_FALSE(other.get("localhost", "alice@localhost"));
  EXPECT_EQ(other.get("example.org", "alice@localhost"), "<c/>");
}

TEST_F(VcardPg, PluginRoundTripsTheElementAndFailsOnErrors) {
  configure("vcard_pg");
  auto regs = start(&vcard_pg::start, 0);
  ASSERT_EQ(regs.size(), 3u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::vcard_get);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::vcard_set);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::account_deleted);
  auto actor = regs[0].handler;
  auto none = ask_hook(system_, actor, atoms::vcard_get::value, std::string{"localhost"},
                       std::string{"alice@localhost"});
  ASSERT_TRUE(none.handled()) << none.error;
  EXPECT_FALSE(none.payload.get_as<xml::element_ptr>(0));

  auto vcard = xml::make_element("vCard", std::string(ns::vcard));
  vcard->add_child("FN", std::string(ns::vcard)).add_text("Alice & <Co> ☺");
  auto set = ask_hook(system_, actor, atoms::vcard_set::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, xml::element_ptr{vcard});
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));
  auto got = ask_hook(system_, actor, atoms::vcard_get::value, std::string{"localhost"},
                      std::string{"alice@localhost"});
  ASSERT_TRUE(got.handled()) << got.error;
  auto back = got.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *vcard);
  // account.deleted (a notify: declined) forgets the vCard.
  EXPECT_TRUE(ask_hook(system_, actor, atoms::account_deleted::value, std::string{"localhost"},
                       std::string{"alice"})
                  .declined());
  auto gone = ask_hook(system_, actor, atoms::vcard_get::value, std::string{"localhost"},
                       std::string{"alice@localhost"});
  ASSERT_TRUE(gone.handled()) << gone.error;
  EXPECT_FALSE(gone.payload.get_as<xml::element_ptr>(0));
  set = ask_hook(system_, actor, atoms::vcard_set::value, std::string{"localhost"},
                 std::string{"alice@localhost"}, xml::element_ptr{vcard});
  ASSERT_TRUE(set.handled()) << set.error;

  ASSERT_EQ(run_sql("UPDATE vcards SET vcard = '<vCard'"), "");
  EXPECT_FALSE(ask_hook(system_, actor, atoms::vcard_get::value, std::string{"localhost"},
                        std::string{"alice@localhost"})
                   .answered);
  ASSERT_EQ(run_sql("DROP TABLE vcards"), "");
  auto failed = ask_hook(system_, actor, atoms::vcard_get::value, std::string{"localhost"},
                         std::string{"alice@localhost"});
  EXPECT_FALSE(failed.answered);
  EXPECT_NE(failed.error, "");
  auto refused = ask_hook(system_, actor, atoms::vcard_set::value, std::string{"localhost"},
                          std::string{"alice@localhost"}, xml::element_ptr{vcard});
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
}

}  // namespace
}  // namespace djabberd::plugins::vcard_pg
