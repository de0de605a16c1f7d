// PEP node rules and forms: access models, item limits and order, publish-options matching.
#include <gtest/gtest.h>

#include "actors/pep/pep_form.hpp"
#include "actors/pep/pep_node.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::pep {
namespace {

item make_item(std::string id) {
  return item{std::move(id), nullptr};
}

std::vector<std::string> ids(const std::vector<item>& items) {
  std::vector<std::string> result;
  for (const auto& x : items) result.push_back(x.id);
  return result;
}

xml::element_ptr form(std::string_view fields, std::string_view type = ns_publish_options) {
  std::string text =
      "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' "
      "type='hidden'><value>" +
      std::string(type) + "</value></field>" + std::string(fields) + "</x>";
  return xml::parse_element(text);
}

std::string field(std::string_view var, std::string_view value) {
  return "<field var='" + std::string(var) + "'><value>" + std::string(value) + "</value></field>";
}

TEST(PepNode, AccessModels) {
  EXPECT_TRUE(may_access(access_model::presence, relation::owner));
  EXPECT_TRUE(may_access(access_model::presence, relation::subscriber));
  EXPECT_FALSE(may_access(access_model::presence, relation::other));
  EXPECT_TRUE(may_access(access_model::open, relation::other));
  EXPECT_TRUE(may_access(access_model::whitelist, relation::owner));
  EXPECT_FALSE(may_access(access_model::whitelist, relation::subscriber));
  EXPECT_EQ(parse_access_model("whitelist"), access_model::whitelist);
  EXPECT_FALSE(parse_access_model("roster"));  // not offered
}

TEST(PepNode, NewestLastAndLimited) {
  node n{"urn:x", {}, {}};
  n.config.max_items = 2;
  add_item(n, make_item("a"));
  add_item(n, make_item("b"));
  add_item(n, make_item("a"));  // republishing an id moves it to the end
  EXPECT_EQ(ids(n.items), (std::vector<std::string>{"b", "a"}));
  add_item(n, make_item("c"));
  EXPECT_EQ(ids(n.items), (std::vector<std::string>{"a", "c"}));
  EXPECT_TRUE(retract_item(n, "a"));
  EXPECT_FALSE(retract_item(n, "a"));
  EXPECT_EQ(ids(n.items), (std::vector<std::string>{"c"}));
}

TEST(PepNode, SelectItems) {
  node n{"urn:x", {}, {}};
  n.config.max_items = 10;
  for (auto id : {"1", "2", "3"}) add_item(n, make_item(id));
  EXPECT_EQ(ids(select_items(n, {}, std::nullopt)), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(ids(select_items(n, {}, 2)), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(ids(select_items(n, {}, 9)), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(ids(select_items(n, {"3", "x", "1"}, std::nullopt)),
            (std::vector<std::string>{"3", "1"}));
}

TEST(PepForm, PublishOptionsReadAndMatched) {
  std::string error;
  auto fields = read_form(
      *form(field("pubsub#persist_items", "true") + field("pubsub#access_model", "whitelist") +
            field("pubsub#max_items", "max") + field("pubsub#send_last_published_item", "never")),
      ns_publish_options, error);
  ASSERT_TRUE(fields) << error;
  auto config = apply(node_config{}, *fields);
  EXPECT_TRUE(config.persist_items);
  EXPECT_EQ(config.access, access_model::whitelist);
  EXPECT_EQ(config.max_items, max_items_limit);
  EXPECT_TRUE(satisfies(config, *fields));
  EXPECT_FALSE(satisfies(node_config{}, *fields));  // presence, 1 item: precondition not met
  EXPECT_TRUE(satisfies(node_config{}, form_fields{}));
}

TEST(PepForm, BadFormsAreRejected) {
  std::string error;
  EXPECT_FALSE(read_form(*form(field("pubsub#access_model", "roster")), ns_publish_options, error));
  EXPECT_FALSE(read_form(*form(field("pubsub#max_items", "0")), ns_publish_options, error));
  EXPECT_FALSE(read_form(*form(field("pubsub#max_items", "12x")), ns_publish_options, error));
  EXPECT_FALSE(read_form(*form(field("pubsub#persist_items", "yes")), ns_publish_options, error));
  EXPECT_FALSE(read_form(*form("", ns_node_config), ns_publish_options, error));
  EXPECT_TRUE(
      read_form(*form(field("pubsub#max_items", "5"), ns_node_config), ns_node_config, error));
}

TEST(PepForm, ConfigFormRoundTrips) {
  node_config config{false, access_model::open, 7};
  auto x = config_form(config);
  // Read back as a submitted form.
  std::string error;
  auto fields = read_form(*x, ns_node_config, error);
  ASSERT_TRUE(fields) << error;
  EXPECT_EQ(apply(node_config{}, *fields), config);
}

}  // namespace
}  // namespace djabberd::pep
