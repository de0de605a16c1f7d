// The load generator's substring scanning of server output, including split and tricky input.
#include <gtest/gtest.h>

#include "bench/loadgen/xml_scan.hpp"

namespace djabberd::loadgen {
namespace {

TEST(LoadgenXmlScan, FindsFeaturesAfterStreamHeader) {
  const std::string buf =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' id='x' version='1.0'>"
      "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
      "</starttls></stream:features>";
  auto f = find_element(buf, "stream:features");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->end, buf.size());
  EXPECT_TRUE(f->text(buf).starts_with("<stream:features>"));
}

TEST(LoadgenXmlScan, WaitsForIncompleteElements) {
  const std::string full = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj0=</success>";
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    EXPECT_FALSE(find_element(full.substr(0, cut), "success")) << cut;
  }
  auto s = find_element(full, "success");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->content(full), "dj0=");
}

TEST(LoadgenXmlScan, SelfClosingAndQuotedGreaterThan) {
  const std::string buf = "<proceed xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\" x='a>b'/>";
  auto p = find_element(buf, "proceed");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->end, buf.size());
  EXPECT_TRUE(p->content(buf).empty());
}

TEST(LoadgenXmlScan, DoesNotMatchLongerNames) {
  const std::string buf = "<iqx/><iq type='result' id='bind1'><bind/></iq>";
  auto iq = find_element(buf, "iq");
  ASSERT_TRUE(iq);
  EXPECT_EQ(iq->begin, 6u);
  EXPECT_TRUE(has_attribute(iq->text(buf), "type", "result"));
  EXPECT_TRUE(has_attribute(iq->text(buf), "id", "bind1"));
  EXPECT_FALSE(has_attribute(iq->text(buf), "type", "error"));
}

TEST(LoadgenXmlScan, Conditions) {
  EXPECT_EQ(first_child_name("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                             "<not-authorized/><text>no</text></failure>"),
            "not-authorized");
  EXPECT_EQ(first_child_name("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'"
                             "/></stream:error>"),
            "conflict");
  EXPECT_EQ(first_child_name("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"), "");
  EXPECT_EQ(stanza_error_condition("<iq type=\"error\" id='bind1'><bind/><error type='cancel'>"
                                   "<not-allowed xmlns='x'/></error></iq>"),
            "not-allowed");
}

TEST(LoadgenXmlScan, Mechanisms) {
  const std::string features =
      "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
      "<mechanism>SCRAM-SHA-256-PLUS</mechanism><mechanism>SCRAM-SHA-256</mechanism>"
      "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";
  EXPECT_TRUE(offers_mechanism(features, "SCRAM-SHA-256"));
  EXPECT_TRUE(offers_mechanism(features, "PLAIN"));
  EXPECT_FALSE(offers_mechanism(features, "SCRAM-SHA-1"));
}

}  // namespace
}  // namespace djabberd::loadgen
