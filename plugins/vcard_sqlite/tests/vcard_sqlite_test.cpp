// vcard_sqlite: the store over a real database file, and the actor parsing stored XML back.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"
#include "plugins/vcard_sqlite/vcard_sqlite_actor.hpp"
#include "plugins/vcard_sqlite/vcard_store.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::vcard_sqlite {
namespace {

using testing::ask_hook;

TEST(VcardStore, StoresPerDomainAndOwnerAndSurvivesReopening) {
  testing::temp_dir dir;
  std::string error;
  {
    auto store = vcard_store::open(dir.path(), error);
    ASSERT_TRUE(store) << error;
    EXPECT_FALSE(store->get("localhost", "alice@localhost"));
    EXPECT_TRUE(store->last_error().empty());
    ASSERT_TRUE(store->set("localhost", "alice@localhost", "<a/>"));
    ASSERT_TRUE(store->set("localhost", "alice@localhost", "<b/>"));  // replaces
    ASSERT_TRUE(store->set("example.org", "alice@localhost", "<c/>"));
  }
  auto store = vcard_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(store->get("localhost", "alice@localhost"), "<b/>");
  EXPECT_EQ(store->get("example.org", "alice@localhost"), "<c/>");
  EXPECT_FALSE(store->get("localhost", "bob@localhost"));
}

TEST(VcardSqliteActor, RoundTripsTheElement) {
  testing::temp_dir dir;
  std::string error;
  std::shared_ptr<vcard_store> store = vcard_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto actor = system.spawn<caf::detached>(vcard_sqlite_actor, store);

  auto none = ask_hook(system, actor, atoms::vcard_get::value, std::string{"localhost"},
                       std::string{"alice@localhost"});
  ASSERT_TRUE(none.handled()) << none.error;
  EXPECT_FALSE(none.payload.get_as<xml::element_ptr>(0));

  auto vcard = xml::make_element("vCard", std::string(ns::vcard));
  vcard->add_child("FN", std::string(ns::vcard)).add_text("Alice & <Co>");
  vcard->add_child("PHOTO", std::string(ns::vcard))
      .add_child("TYPE", std::string(ns::vcard))
      .add_text("image/png");
  auto set = ask_hook(system, actor, atoms::vcard_set::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, xml::element_ptr{vcard});
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));

  auto got = ask_hook(system, actor, atoms::vcard_get::value, std::string{"localhost"},
                      std::string{"alice@localhost"});
  ASSERT_TRUE(got.handled()) << got.error;
  auto back = got.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *vcard);
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::vcard_sqlite
