// private_sqlite: the store over a real database file, and the actor keyed by "{ns}name".
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/private_sqlite/private_sqlite_actor.hpp"
#include "plugins/private_sqlite/private_store.hpp"
#include "plugins/private_store_behavior.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::private_sqlite {
namespace {

using testing::ask_hook;

TEST(PrivateStore, KeysAreSeparateAndSurviveReopening) {
  testing::temp_dir dir;
  std::string error;
  {
    auto store = private_store::open(dir.path(), error);
    ASSERT_TRUE(store) << error;
    EXPECT_FALSE(store->get("localhost", "alice@localhost", "{a}x"));
    EXPECT_TRUE(store->last_error().empty());
    ASSERT_TRUE(store->set("localhost", "alice@localhost", "{a}x", "<x xmlns='a'/>"));
    ASSERT_TRUE(store->set("localhost", "alice@localhost", "{b}x", "<x xmlns='b'/>"));
    ASSERT_TRUE(store->set("localhost", "alice@localhost", "{a}x", "<x xmlns='a'>2</x>"));
  }
  auto store = private_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(store->get("localhost", "alice@localhost", "{a}x"), "<x xmlns='a'>2</x>");
  EXPECT_EQ(store->get("localhost", "alice@localhost", "{b}x"), "<x xmlns='b'/>");
  EXPECT_FALSE(store->get("localhost", "bob@localhost", "{a}x"));
}

TEST(PrivateSqliteActor, StoresUnderTheElementsKey) {
  testing::temp_dir dir;
  std::string error;
  std::shared_ptr<private_store> store = private_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto actor = system.spawn<caf::detached>(private_sqlite_actor, store);

  auto bookmarks = xml::make_element("storage", "storage:bookmarks");
  bookmarks->add_child("conference", "storage:bookmarks").set_attr("jid", "r@muc.localhost");
  EXPECT_EQ(private_storage_key(*bookmarks), "{storage:bookmarks}storage");
  auto set = ask_hook(system, actor, atoms::private_set::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, xml::element_ptr{bookmarks});
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));

  auto got = ask_hook(system, actor, atoms::private_get::value, std::string{"localhost"},
                      std::string{"alice@localhost"}, std::string{"{storage:bookmarks}storage"});
  ASSERT_TRUE(got.handled()) << got.error;
  auto back = got.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *bookmarks);

  auto none = ask_hook(system, actor, atoms::private_get::value, std::string{"localhost"},
                       std::string{"alice@localhost"}, std::string{"{urn:x}y"});
  ASSERT_TRUE(none.handled()) << none.error;
  EXPECT_FALSE(none.payload.get_as<xml::element_ptr>(0));
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::private_sqlite
