// Tests of parse_element: round trips with the serializer and refusal of anything but one element.
#include <gtest/gtest.h>

#include <string>

#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::xml {
namespace {

TEST(StanzaParseElement, RoundTripsAStoredMessage) {
  auto msg = make_element("message", "jabber:client");
  msg->set_attr("from", "juliet@example.com/balcony");
  msg->set_attr("to", "romeo@example.net");
  msg->set_attr("type", "chat");
  msg->set_attr("lang", "en", std::string(xml_ns));
  msg->set_attr("a", "1 & 'two'", "urn:attrs");
  msg->add_child("body", "jabber:client").add_text("Wherefore art thou? \xE2\x98\xBA <&>\r\n");
  auto& delay = msg->add_child("delay", "urn:xmpp:delay");
  delay.set_attr("stamp", "2002-09-10T23:08:25Z");
  delay.add_text("Offline Storage");
  msg->add_child("x", "");
  auto parsed = parse_element(to_string(*msg));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, *msg);
}

TEST(StanzaParseElement, KeepsTheNamespaceOfTheTopElement) {
  for (const char* ns : {"jabber:client", "jabber:server", "urn:other", ""}) {
    auto e = make_element("message", ns);
    e->add_child("body", ns).add_text("hi");
    auto parsed = parse_element(to_string(*e));
    ASSERT_TRUE(parsed) << ns;
    EXPECT_EQ(parsed->ns(), ns);
    EXPECT_EQ(*parsed, *e) << ns;
  }
}

TEST(StanzaParseElement, AllowsWhitespaceAround) {
  auto parsed = parse_element("\n  <a xmlns='urn:x'><b/></a>\r\n");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->is("a", "urn:x"));
  EXPECT_TRUE(parsed->child("b", "urn:x"));
}

TEST(StanzaParseElement, RefusesWhatIsNotOneElement) {
  for (const char* text :
       {"", "  ", "<a>", "<a></b>", "text", "x<a/>", "<a/><b/>", "<a/>x", "<a><!-- c --></a>",
        "<?xml version='1.0'?><a/>", "</stream:stream>", "<a><b></a>"}) {
    std::string error;
    EXPECT_FALSE(parse_element(text, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(StanzaParseElement, SizeIsNotLimitedToTheStreamDefault) {
  auto e = make_element("message", "jabber:client");
  e->add_child("body", "jabber:client").add_text(std::string(300000, 'x'));
  auto parsed = parse_element(to_string(*e));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, *e);
}

}  // namespace
}  // namespace djabberd::xml
