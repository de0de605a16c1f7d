// XEP-0191 Blocking Command: JID matching (§6), request parsing, pushes and the <blocked/> error.
#include <gtest/gtest.h>

#include "actors/user/blocking.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/parse_element.hpp"

using namespace djabberd;

namespace {

jid J(const char* s) {
  auto parsed = jid::parse(s);
  EXPECT_TRUE(parsed) << s;
  return parsed.value_or(jid{});
}

xml::element_ptr iq(const std::string& type, const std::string& payload) {
  auto text = "<iq xmlns='jabber:client' type='" + type + "' id='b1'>" + payload + "</iq>";
  std::string error;
  auto e = xml::parse_element(text, &error);
  EXPECT_TRUE(e) << error;
  return e;
}

TEST(xep0191_6, full_jid_blocks_only_that_resource) {
  blocking::jid_set list{"romeo@example.net/orchard"};
  EXPECT_TRUE(blocking::covers(list, J("romeo@example.net/orchard")));
  EXPECT_FALSE(blocking::covers(list, J("romeo@example.net/garden")));
  EXPECT_FALSE(blocking::covers(list, J("romeo@example.net")));
}

TEST(xep0191_6, bare_jid_blocks_every_resource) {
  blocking::jid_set list{"romeo@example.net"};
  EXPECT_TRUE(blocking::covers(list, J("romeo@example.net")));
  EXPECT_TRUE(blocking::covers(list, J("romeo@example.net/orchard")));
  EXPECT_FALSE(blocking::covers(list, J("mercutio@example.net")));
  EXPECT_FALSE(blocking::covers(list, J("example.net")));
}

// XEP-0016 §2.1 checks a sender against its full JID, bare JID, domain/resource and domain, in
// that order: so <domain/resource> also covers user@domain/resource (as ejabberd reads it).
TEST(xep0191_6, domain_blocks_all_of_the_domain_and_domain_resource_that_resource) {
  blocking::jid_set domain{"example.net"};
  EXPECT_TRUE(blocking::covers(domain, J("example.net")));
  EXPECT_TRUE(blocking::covers(domain, J("romeo@example.net/orchard")));
  EXPECT_FALSE(blocking::covers(domain, J("sub.example.net")));
  blocking::jid_set domain_resource{"example.net/bot"};
  EXPECT_TRUE(blocking::covers(domain_resource, J("example.net/bot")));
  EXPECT_FALSE(blocking::covers(domain_resource, J("example.net")));
  EXPECT_TRUE(blocking::covers(domain_resource, J("romeo@example.net/bot")));
  EXPECT_FALSE(blocking::covers(domain_resource, J("romeo@example.net/home")));
}

TEST(xep0191_6, empty_list_covers_nothing) {
  EXPECT_FALSE(blocking::covers({}, J("romeo@example.net")));
}

TEST(xep0191_3, parses_get_block_and_unblock) {
  auto get = blocking::parse_request(*iq("get", "<blocklist xmlns='urn:xmpp:blocking'/>"));
  EXPECT_TRUE(get.valid);
  EXPECT_EQ(get.what, blocking::action::get);

  auto block =
      blocking::parse_request(*iq("set",
                                  "<block xmlns='urn:xmpp:blocking'><item jid='Romeo@Example.NET'/>"
                                  "<item jid='iago@example.net/x'/></block>"));
  EXPECT_TRUE(block.valid);
  EXPECT_EQ(block.what, blocking::action::block);
  EXPECT_EQ(block.jids, (std::vector<std::string>{"romeo@example.net", "iago@example.net/x"}));

  auto all = blocking::parse_request(*iq("set", "<unblock xmlns='urn:xmpp:blocking'/>"));
  EXPECT_TRUE(all.valid);
  EXPECT_EQ(all.what, blocking::action::unblock);
  EXPECT_TRUE(all.jids.empty());
}

TEST(xep0191_3, refuses_empty_block_bad_jid_and_wrong_type) {
  EXPECT_FALSE(blocking::parse_request(*iq("set", "<block xmlns='urn:xmpp:blocking'/>")).valid);
  EXPECT_FALSE(blocking::parse_request(
                   *iq("set", "<block xmlns='urn:xmpp:blocking'><item jid='a@@b'/></block>"))
                   .valid);
  EXPECT_FALSE(
      blocking::parse_request(*iq("set", "<block xmlns='urn:xmpp:blocking'><item/></block>"))
          .valid);
  EXPECT_FALSE(blocking::parse_request(*iq("set", "<blocklist xmlns='urn:xmpp:blocking'/>")).valid);
  EXPECT_FALSE(blocking::parse_request(
                   *iq("get", "<block xmlns='urn:xmpp:blocking'><item jid='a@b'/></block>"))
                   .valid);
}

TEST(xep0191_3, recognises_only_its_namespace) {
  EXPECT_TRUE(blocking::is_request(*iq("get", "<blocklist xmlns='urn:xmpp:blocking'/>")));
  EXPECT_FALSE(blocking::is_request(*iq("get", "<blocklist xmlns='urn:other'/>")));
  EXPECT_FALSE(blocking::is_request(*iq("get", "<query xmlns='jabber:iq:roster'/>")));
}

TEST(xep0191_3, push_carries_the_changed_items) {
  auto push = blocking::push_iq(blocking::action::block, {"romeo@example.net"},
                                "juliet@capulet.com/chamber", "p1");
  EXPECT_EQ(push->attr_or("type"), "set");
  EXPECT_EQ(push->attr_or("to"), "juliet@capulet.com/chamber");
  auto block = push->child("block", blocking::xmlns);
  ASSERT_TRUE(block);
  ASSERT_EQ(block->child_elements().size(), 1u);
  EXPECT_EQ(block->child_elements()[0]->attr_or("jid"), "romeo@example.net");
  auto unblock_all =
      blocking::push_iq(blocking::action::unblock, {}, "juliet@capulet.com/chamber", "p2");
  ASSERT_TRUE(unblock_all->child("unblock", blocking::xmlns));
  EXPECT_TRUE(unblock_all->child("unblock", blocking::xmlns)->child_elements().empty());
}

TEST(xep0191_3, blocked_error_is_not_acceptable_with_the_application_condition) {
  auto message = xml::make_element("message", std::string(ns::client));
  message->set_attr("from", "juliet@capulet.com/chamber");
  message->set_attr("to", "romeo@example.net");
  auto error = blocking::blocked_error(*message);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->attr_or("type"), "error");
  EXPECT_EQ(error->attr_or("to"), "juliet@capulet.com/chamber");
  auto e = error->child("error", ns::client);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->attr_or("type"), "cancel");
  EXPECT_TRUE(e->child("not-acceptable", ns::stanza_errors));
  EXPECT_TRUE(e->child("blocked", blocking::errors_xmlns));
  auto again = xml::with_attr(error, "type", "error");
  EXPECT_FALSE(blocking::blocked_error(*again));  // errors are never answered
}

}  // namespace
