// XEP-0077 jabber:iq:register requests and replies.
#include <gtest/gtest.h>

#include "actors/accounts/registration_xml.hpp"
#include "stanza/parse_element.hpp"

using namespace djabberd;
using accounts::register_request;

namespace {

register_request parse(const std::string& type, const std::string& payload) {
  auto text = "<iq xmlns='jabber:client' type='" + type + "' id='r1'>" + payload + "</iq>";
  std::string error;
  auto iq = xml::parse_element(text, &error);
  EXPECT_TRUE(iq) << error;
  return accounts::parse_register(*iq);
}

TEST(xep0077_3, get_asks_for_the_form) {
  EXPECT_EQ(parse("get", "<query xmlns='jabber:iq:register'/>").what, register_request::form);
}

TEST(xep0077_3, set_with_username_and_password_submits) {
  auto r = parse("set",
                 "<query xmlns='jabber:iq:register'><username>bill</username>"
                 "<password>Calliope</password></query>");
  EXPECT_EQ(r.what, register_request::submit);
  EXPECT_EQ(r.username, "bill");
  EXPECT_EQ(r.password, "Calliope");
}

TEST(xep0077_3, missing_or_empty_fields_are_incomplete) {
  EXPECT_EQ(
      parse("set", "<query xmlns='jabber:iq:register'><username>bill</username></query>").what,
      register_request::incomplete);
  EXPECT_EQ(
      parse("set", "<query xmlns='jabber:iq:register'><username/><password>x</password></query>")
          .what,
      register_request::incomplete);
}

TEST(xep0077_3, remove_wins_over_other_fields) {
  EXPECT_EQ(
      parse("set", "<query xmlns='jabber:iq:register'><remove/><username>bill</username></query>")
          .what,
      register_request::remove);
}

TEST(xep0077_3, other_payloads_and_types_are_not_register_requests) {
  EXPECT_EQ(parse("get", "<query xmlns='jabber:iq:roster'/>").what, register_request::other);
  EXPECT_EQ(parse("result", "<query xmlns='jabber:iq:register'/>").what, register_request::other);
}

TEST(xep0077_3, form_and_registered_reply) {
  auto form = accounts::registration_form();
  EXPECT_TRUE(form->child("instructions", accounts::register_ns));
  EXPECT_TRUE(form->child("username", accounts::register_ns));
  EXPECT_TRUE(form->child("password", accounts::register_ns));
  auto registered = accounts::registered_query("bill");
  EXPECT_TRUE(registered->child("registered", accounts::register_ns));
  EXPECT_EQ(registered->child("username", accounts::register_ns)->text(), "bill");
}

TEST(xep0077, peer_ip_drops_the_port) {
  EXPECT_EQ(accounts::peer_ip("127.0.0.1:5222"), "127.0.0.1");
  EXPECT_EQ(accounts::peer_ip("::1:40000"), "::1");
  EXPECT_EQ(accounts::peer_ip("::ffff:10.0.0.1:1234"), "::ffff:10.0.0.1");
}

}  // namespace
