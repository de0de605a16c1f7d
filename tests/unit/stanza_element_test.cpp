// Tests of the immutable element model: lookups, builders and copy-on-write helpers.
#include <gtest/gtest.h>

#include <type_traits>

#include "stanza/element.hpp"

namespace djabberd::xml {
namespace {

template <typename P>
concept can_set_attr = requires(P p) {
  p->set_attr("a", "b");
};
template <typename P>
concept can_add_text = requires(P p) {
  p->add_text("t");
};

static_assert(!can_set_attr<element_ptr>, "a shared element must not be modifiable");
static_assert(!can_add_text<element_ptr>, "a shared element must not be modifiable");
static_assert(can_set_attr<std::shared_ptr<element>>);
static_assert(std::is_convertible_v<std::shared_ptr<element>, element_ptr>);
static_assert(sizeof(element) == 2 * sizeof(std::string) + 2 * sizeof(std::vector<node>));

element_ptr sample() {
  auto msg = make_element("message", "jabber:client");
  msg->set_attr("to", "a@b").set_attr("type", "chat").set_attr("lang", "en", std::string(xml_ns));
  msg->add_text("one ");
  msg->add_child("body", "jabber:client").add_text("hello");
  msg->add_text("two ");
  msg->add_text("three");
  msg->add_child("x", "jabber:x:data").add_child("field", "jabber:x:data").set_attr("var", "v");
  msg->add_child("body", "urn:other");
  return msg;
}

TEST(StanzaElement, AttributeLookup) {
  auto e = sample();
  ASSERT_NE(e->attr("to"), nullptr);
  EXPECT_EQ(*e->attr("to"), "a@b");
  EXPECT_EQ(e->attr("missing"), nullptr);
  EXPECT_EQ(e->attr("lang"), nullptr);
  ASSERT_NE(e->attr("lang", xml_ns), nullptr);
  EXPECT_EQ(*e->attr("lang", xml_ns), "en");
  EXPECT_EQ(e->attr_or("type"), "chat");
  EXPECT_EQ(e->attr_or("missing", "normal"), "normal");
  EXPECT_EQ(e->attr_or("missing"), "");
  EXPECT_EQ(e->attr_or("lang", "none"), "none");
  EXPECT_EQ(e->attributes().size(), 3u);
}

TEST(StanzaElement, SetAndRemoveAttributes) {
  auto e = make_element("iq", "");
  e->set_attr("id", "1").set_attr("type", "get").set_attr("id", "2");
  ASSERT_EQ(e->attributes().size(), 2u);
  EXPECT_EQ(e->attributes()[0].name, "id");
  EXPECT_EQ(e->attributes()[0].value, "2");  // replaced in place
  e->set_attr("id", "ns", "urn:x");
  EXPECT_EQ(e->attributes().size(), 3u);
  e->remove_attr("id");
  EXPECT_EQ(e->attr("id"), nullptr);
  EXPECT_NE(e->attr("id", "urn:x"), nullptr);
  e->remove_attr("nonexistent");
  EXPECT_EQ(e->attributes().size(), 2u);
}

TEST(StanzaElement, Children) {
  auto e = sample();
  EXPECT_EQ(e->children().size(), 5u);  // text, body, text (merged), x, body
  EXPECT_EQ(e->text(), "one two three");
  auto body = e->child("body", "jabber:client");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->text(), "hello");
  EXPECT_EQ(e->child("body", "urn:other")->ns(), "urn:other");
  EXPECT_EQ(e->child("body", ""), nullptr);
  EXPECT_EQ(e->child("nothing", "jabber:client"), nullptr);
  EXPECT_EQ(e->first_child_element(), body);
  auto all = e->child_elements();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1]->name(), "x");
  EXPECT_EQ(all[1]->first_child_element()->attr_or("var"), "v");
  EXPECT_TRUE(all[1]->is("x", "jabber:x:data"));
  EXPECT_EQ(make_element("a", "")->first_child_element(), nullptr);
  EXPECT_EQ(make_element("a", "")->text(), "");
}

TEST(StanzaElement, AddExistingChildSharesIt) {
  element_ptr shared = make_element("delay", "urn:xmpp:delay");
  auto a = make_element("message", "");
  auto b = make_element("message", "");
  a->add_child(shared);
  b->add_child(shared);
  a->add_child(element_ptr());
  EXPECT_EQ(a->children().size(), 1u);
  EXPECT_EQ(a->first_child_element(), b->first_child_element());
  a->add_text("");
  EXPECT_EQ(a->children().size(), 1u);
  a->clear_children();
  EXPECT_TRUE(a->children().empty());
}

TEST(StanzaElement, WithAttrIsAShallowCopy) {
  element_ptr original = sample();
  element_ptr copy = with_attr(original, "from", "c@d/r");
  EXPECT_NE(copy, original);
  EXPECT_EQ(original->attr("from"), nullptr);
  EXPECT_EQ(copy->attr_or("from"), "c@d/r");
  EXPECT_EQ(copy->attr_or("to"), "a@b");
  ASSERT_EQ(copy->children().size(), original->children().size());
  EXPECT_EQ(copy->child("body", "jabber:client"), original->child("body", "jabber:client"));
  EXPECT_EQ(copy->child_elements()[1], original->child_elements()[1]);

  element_ptr replaced = with_attr(original, "to", "x@y");
  EXPECT_EQ(replaced->attr_or("to"), "x@y");
  EXPECT_EQ(original->attr_or("to"), "a@b");
  EXPECT_EQ(replaced->attributes().size(), original->attributes().size());
}

TEST(StanzaElement, WithoutAttr) {
  element_ptr original = sample();
  element_ptr copy = without_attr(original, "to");
  EXPECT_EQ(copy->attr("to"), nullptr);
  EXPECT_NE(original->attr("to"), nullptr);
  EXPECT_EQ(copy->first_child_element(), original->first_child_element());
  EXPECT_EQ(without_attr(original, "absent"), original);  // nothing to remove: no copy
  EXPECT_EQ(without_attr(original, "lang"), original);
  EXPECT_EQ(without_attr(original, "lang", xml_ns)->attr("lang", xml_ns), nullptr);
}

TEST(StanzaElement, ShallowCopyIsMutableAndIndependent) {
  element_ptr original = sample();
  auto copy = shallow_copy(*original);
  copy->set_attr("type", "normal").add_text("more");
  EXPECT_EQ(original->attr_or("type"), "chat");
  EXPECT_EQ(original->children().size(), 5u);
  EXPECT_EQ(copy->children().size(), 6u);
}

TEST(StanzaElement, DeepEquality) {
  EXPECT_TRUE(*sample() == *sample());
  auto other = shallow_copy(*sample());
  other->set_attr("to", "z");
  EXPECT_FALSE(*other == *sample());
  auto a = make_element("a", "");
  a->add_child("b", "").add_text("x");
  auto b = make_element("a", "");
  b->add_child("b", "").add_text("y");
  EXPECT_FALSE(*a == *b);
  auto c = make_element("a", "");
  c->add_text("x");
  EXPECT_FALSE(*a == *c);
}

}  // namespace
}  // namespace djabberd::xml
