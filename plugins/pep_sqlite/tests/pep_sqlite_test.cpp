// pep_sqlite: nodes, item order and limits over a real database file, kept across reopening.
#include <gtest/gtest.h>

#include "plugins/pep_sqlite/pep_store.hpp"
#include "plugins/test_support/temp_dir.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::plugins::pep_sqlite {
namespace {

pep::item make_item(std::string id, std::string_view payload = "<p xmlns='urn:x'/>") {
  return pep::item{std::move(id), xml::parse_element(payload)};
}

std::vector<std::string> ids(const pep::node& n) {
  std::vector<std::string> result;
  for (const auto& x : n.items) result.push_back(x.id);
  return result;
}

TEST(PepStore, PublishesInOrderWithinTheLimitAndSurvivesReopening) {
  testing::temp_dir dir;
  std::string error;
  pep::node_config config{true, pep::access_model::whitelist, 2};
  {
    auto store = pep_store::open(dir.path(), error);
    ASSERT_TRUE(store) << error;
    auto none = store->nodes("localhost", "alice@localhost");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    ASSERT_TRUE(store->publish("localhost", "alice@localhost", "urn:n", config, make_item("a")));
    ASSERT_TRUE(store->publish("localhost", "alice@localhost", "urn:n", config, make_item("b")));
    ASSERT_TRUE(store->publish("localhost", "alice@localhost", "urn:n", config, make_item("a")));
    ASSERT_TRUE(store->publish("localhost", "alice@localhost", "urn:n", config, make_item("c")));
    ASSERT_TRUE(store->publish("localhost", "bob@localhost", "urn:n", config, make_item("z")));
  }
  auto store = pep_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  auto nodes = store->nodes("localhost", "alice@localhost");
  ASSERT_TRUE(nodes);
  ASSERT_EQ(nodes->size(), 1u);
  EXPECT_EQ((*nodes)[0].name, "urn:n");
  EXPECT_EQ((*nodes)[0].config, config);
  EXPECT_EQ(ids((*nodes)[0]), (std::vector<std::string>{"a", "c"}));
  ASSERT_TRUE((*nodes)[0].items[0].payload);
  EXPECT_TRUE((*nodes)[0].items[0].payload->is("p", "urn:x"));
}

TEST(PepStore, ReconfigureRetractAndDelete) {
  testing::temp_dir dir;
  std::string error;
  auto store = pep_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  pep::node_config config{true, pep::access_model::presence, 10};
  for (auto id : {"1", "2", "3"})
    ASSERT_TRUE(store->publish("localhost", "a@localhost", "urn:n", config, make_item(id)));
  ASSERT_TRUE(store->retract("localhost", "a@localhost", "urn:n", "2"));
  config.max_items = 1;
  ASSERT_TRUE(store->set_node("localhost", "a@localhost", "urn:n", config));
  auto nodes = store->nodes("localhost", "a@localhost");
  ASSERT_TRUE(nodes);
  EXPECT_EQ(ids((*nodes)[0]), (std::vector<std::string>{"3"}));
  config.persist_items = false;  // nothing stays stored
  ASSERT_TRUE(store->set_node("localhost", "a@localhost", "urn:n", config));
  nodes = store->nodes("localhost", "a@localhost");
  EXPECT_TRUE((*nodes)[0].items.empty());
  ASSERT_TRUE(store->delete_node("localhost", "a@localhost", "urn:n"));
  nodes = store->nodes("localhost", "a@localhost");
  ASSERT_TRUE(nodes);
  EXPECT_TRUE(nodes->empty());
}

TEST(PepStore, RemoveOwnerDeletesEveryNodeOfOneAccount) {
  testing::temp_dir dir;
  std::string error;
  auto store = pep_store::open(dir.path(), error);
  ASSERT_TRUE(store) << error;
  pep::node_config config{true, pep::access_model::presence, 10};
  for (auto node : {"urn:a", "urn:b"})
    ASSERT_TRUE(store->publish("localhost", "a@localhost", node, config, make_item("1")));
  ASSERT_TRUE(store->publish("localhost", "b@localhost", "urn:a", config, make_item("1")));
  ASSERT_TRUE(store->remove_owner("localhost", "a@localhost")) << store->last_error();
  auto gone = store->nodes("localhost", "a@localhost");
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->empty());
  auto kept = store->nodes("localhost", "b@localhost");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->size(), 1u);
}

}  // namespace
}  // namespace djabberd::plugins::pep_sqlite
