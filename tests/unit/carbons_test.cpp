// XEP-0280 Message Carbons: which messages are copied, the wrapper, enable/disable requests.
#include <gtest/gtest.h>

#include "actors/user/carbons.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

using namespace djabberd;

namespace {

std::shared_ptr<xml::element> message(const char* type, bool body = true,
                                      const char* from = "romeo@example.net/home",
                                      const char* to = "juliet@example.com/balcony") {
  auto m = xml::make_element("message", std::string(ns::client));
  m->set_attr("from", from);
  m->set_attr("to", to);
  if (type) m->set_attr("type", type);
  if (body) m->add_child("body", std::string(ns::client)).add_text("hi");
  return m;
}

TEST(xep0280_6, chat_is_eligible_with_or_without_body) {
  EXPECT_TRUE(carbons::eligible(*message("chat")));
  EXPECT_TRUE(carbons::eligible(*message("chat", false)));  // e.g. chat states
}

TEST(xep0280_6, normal_only_with_body) {
  EXPECT_TRUE(carbons::eligible(*message("normal")));
  EXPECT_TRUE(carbons::eligible(*message(nullptr)));
  EXPECT_FALSE(carbons::eligible(*message("normal", false)));
  EXPECT_FALSE(carbons::eligible(*message(nullptr, false)));
}

TEST(xep0280_6, error_groupchat_headline_are_not) {
  for (const char* type : {"error", "groupchat", "headline", "bogus"})
    EXPECT_FALSE(carbons::eligible(*message(type))) << type;
}

TEST(xep0280_6, presence_and_iq_are_not) {
  auto p = xml::make_element("presence", std::string(ns::client));
  EXPECT_FALSE(carbons::eligible(*p));
}

TEST(xep0280_7, private_and_no_copy_are_not) {
  auto m = message("chat");
  m->add_child("private", std::string(carbons::xmlns));
  EXPECT_FALSE(carbons::eligible(*m));
  auto n = message("chat");
  n->add_child("no-copy", std::string(carbons::hints_xmlns));
  EXPECT_FALSE(carbons::eligible(*n));
  auto other = message("chat");
  other->add_child("private", "urn:example:other");  // another namespace does not count
  EXPECT_TRUE(carbons::eligible(*other));
}

TEST(xep0280_11, carbons_are_not_copied_again) {
  for (const char* wrapper : {"received", "sent"}) {
    auto m = message("chat", false);
    m->add_child(wrapper, std::string(carbons::xmlns));
    EXPECT_FALSE(carbons::eligible(*m)) << wrapper;
  }
}

TEST(xep0280_6, message_within_one_account_is_not) {
  EXPECT_FALSE(
      carbons::eligible(*message("chat", true, "romeo@example.net/a", "romeo@example.net")));
  EXPECT_FALSE(
      carbons::eligible(*message("chat", true, "romeo@example.net/a", "romeo@example.net/b")));
}

TEST(xep0280_6, wrap_received) {
  xml::element_ptr original = message("chat");
  auto copy = carbons::wrap(carbons::direction::received, "juliet@example.com",
                            "juliet@example.com/chamber", original);
  EXPECT_EQ(xml::to_string(*copy, ns::client),
            "<message from='juliet@example.com' to='juliet@example.com/chamber' type='chat'>"
            "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
            "<message xmlns='jabber:client' from='romeo@example.net/home' "
            "to='juliet@example.com/balcony' type='chat'><body>hi</body></message>"
            "</forwarded></received></message>");
}

TEST(xep0280_6, wrap_sent_keeps_missing_type_missing) {
  xml::element_ptr original = message(nullptr);
  auto copy = carbons::wrap(carbons::direction::sent, "romeo@example.net", "romeo@example.net/work",
                            original);
  EXPECT_FALSE(copy->attr("type"));
  auto sent = copy->child("sent", carbons::xmlns);
  ASSERT_TRUE(sent);
  auto forwarded = sent->child("forwarded", carbons::forward_xmlns);
  ASSERT_TRUE(forwarded);
  EXPECT_EQ(forwarded->first_child_element(), original);
}

TEST(xep0280_4, enable_and_disable_requests) {
  auto iq = [](const char* name, const char* xmlns) {
    auto e = xml::make_element("iq", std::string(ns::client));
    e->set_attr("type", "set");
    e->add_child(name, xmlns);
    return e;
  };
  EXPECT_EQ(carbons::request(*iq("enable", "urn:xmpp:carbons:2")), std::optional<bool>(true));
  EXPECT_EQ(carbons::request(*iq("disable", "urn:xmpp:carbons:2")), std::optional<bool>(false));
  EXPECT_FALSE(carbons::request(*iq("enable", "urn:xmpp:carbons:1")));
  EXPECT_FALSE(carbons::request(*iq("private", "urn:xmpp:carbons:2")));
  EXPECT_FALSE(carbons::request(*xml::make_element("iq", std::string(ns::client))));
}

}  // namespace
