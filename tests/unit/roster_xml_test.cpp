// Roster items on the wire: rendering, roster sets and their RFC 6121 §2.3.3 errors, versions.
#include <gtest/gtest.h>

#include "actors/roster/roster_xml.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

using namespace djabberd;
using namespace djabberd::roster;

namespace {

std::shared_ptr<xml::element> query_with(std::initializer_list<xml::element_ptr> items) {
  auto q = xml::make_element("query", std::string(ns::roster));
  for (const auto& i : items) q->add_child(i);
  return q;
}

std::shared_ptr<xml::element> item(const std::string& jid_value,
                                   std::initializer_list<std::string> groups = {}) {
  auto e = xml::make_element("item", std::string(ns::roster));
  e->set_attr("jid", jid_value);
  for (const auto& g : groups) e->add_child("group", std::string(ns::roster)).add_text(g);
  return e;
}

TEST(rfc6121_2_1_2, item_carries_subscription_ask_approved_and_groups) {
  roster_item i;
  i.contact = "romeo@example.net";
  i.name = "Romeo";
  i.groups = {"Friends", "Lovers"};
  i.from = true;
  i.pending_out = true;
  auto xml_text = xml::to_string(*item_element(i), ns::roster);
  EXPECT_NE(xml_text.find("jid='romeo@example.net'"), std::string::npos) << xml_text;
  EXPECT_NE(xml_text.find("name='Romeo'"), std::string::npos);
  EXPECT_NE(xml_text.find("subscription='from'"), std::string::npos);
  EXPECT_NE(xml_text.find("ask='subscribe'"), std::string::npos);
  EXPECT_LT(xml_text.find("Friends"), xml_text.find("Lovers"));
  i.pending_out = false;
  i.approved = true;
  xml_text = xml::to_string(*item_element(i), ns::roster);
  EXPECT_EQ(xml_text.find("ask="), std::string::npos);
  EXPECT_NE(xml_text.find("approved='true'"), std::string::npos);
}

TEST(rfc6121_2_3_3, a_roster_set_has_exactly_one_item) {
  roster_set out;
  auto e = parse_roster_set(*query_with({}), out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->condition, xml::stanza_error::bad_request);
  e = parse_roster_set(*query_with({item("a@example.net"), item("b@example.net")}), out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->condition, xml::stanza_error::bad_request);
}

TEST(rfc6121_2_3_3, bad_jid_empty_group_and_duplicate_group_are_refused) {
  roster_set out;
  auto e = parse_roster_set(*query_with({item("@@bad@@")}), out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->condition, xml::stanza_error::jid_malformed);
  e = parse_roster_set(*query_with({item("a@example.net", {""})}), out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->condition, xml::stanza_error::not_acceptable);
  e = parse_roster_set(*query_with({item("a@example.net", {"X", "X"})}), out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->condition, xml::stanza_error::bad_request);
}

TEST(rfc6121_2_3_3, subscription_other_than_remove_is_ignored) {
  roster_set out;
  auto i = item("A@Example.NET/res", {"G"});
  i->set_attr("subscription", "both");
  i->set_attr("name", "A");
  ASSERT_FALSE(parse_roster_set(*query_with({i}), out));
  EXPECT_EQ(out.contact, "a@example.net");
  EXPECT_FALSE(out.remove);
  EXPECT_EQ(out.name, "A");
  ASSERT_EQ(out.groups.size(), 1u);
  i->set_attr("subscription", "remove");
  ASSERT_FALSE(parse_roster_set(*query_with({i}), out));
  EXPECT_TRUE(out.remove);
}

TEST(xep0237, version_changes_with_visible_items_only) {
  roster_map roster;
  auto empty = roster_version(roster);
  roster_item hidden;
  hidden.contact = "h@example.net";
  hidden.in_roster = false;
  hidden.pending_in = true;
  roster[hidden.contact] = hidden;
  EXPECT_EQ(roster_version(roster), empty);
  roster_item shown;
  shown.contact = "s@example.net";
  roster[shown.contact] = shown;
  auto one = roster_version(roster);
  EXPECT_NE(one, empty);
  roster[shown.contact].to = true;
  EXPECT_NE(roster_version(roster), one);
  roster[shown.contact].to = false;
  EXPECT_EQ(roster_version(roster), one);
}

}  // namespace
