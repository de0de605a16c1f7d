// last_sqlite: the store over a real database file.
#include <gtest/gtest.h>

#include "plugins/last_sqlite/last_store.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::last_sqlite {
namespace {

TEST(LastStore, StoresPerAccountAndSurvivesReopening) {
  testing::temp_dir dir;
  std::string error;
  {
    auto store = last_store::open(dir.path(), error);
    ASSERT_TRUE(store) << error;
    EXPECT_FALSE(store->get("localhost", "a@localhost"));
    EXPECT_TRUE(store->last_error().empty());
    ASSERT_TRUE(store->set("localhost", "a@localhost", 100, "gone"));
    ASSERT_TRUE(store->set("localhost", "a@localhost", 200, "back soon"));  // replaces
  }
  auto store = last_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  auto got = store->get("localhost", "a@localhost");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->first, 200);
  EXPECT_EQ(got->second, "back soon");
  EXPECT_FALSE(store->get("example.org", "a@localhost"));
}

TEST(LastStore, RemoveForgetsOneAccount) {
  testing::temp_dir dir;
  std::string error;
  auto store = last_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  ASSERT_TRUE(store->set("localhost", "a@localhost", 100, "gone"));
  ASSERT_TRUE(store->set("localhost", "b@localhost", 150, ""));
  ASSERT_TRUE(store->remove("localhost", "a@localhost")) << store->last_error();
  EXPECT_FALSE(store->get("localhost", "a@localhost"));
  EXPECT_TRUE(store->last_error().empty());
  ASSERT_TRUE(store->get("localhost", "b@localhost"));
  EXPECT_TRUE(store->remove("localhost", "nobody@localhost"));  // nothing stored: fine
}

}  // namespace
}  // namespace djabberd::plugins::last_sqlite
