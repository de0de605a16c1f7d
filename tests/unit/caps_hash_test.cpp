// XEP-0115 §5.2 and §5.3 examples, and the §5.4 rules on untrustworthy answers.
#include <gtest/gtest.h>

#include "actors/caps/caps_cache.hpp"
#include "actors/caps/caps_hash.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::caps {
namespace {

xml::element_ptr parse(std::string_view text) {
  std::string error;
  auto e = xml::parse_element(text, &error);
  EXPECT_TRUE(e) << error;
  return e;
}

TEST(CapsHash, SimpleGenerationExample) {
  auto query = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity category='client' name='Exodus 0.9.1' type='pc'/>"
      "<feature var='http://jabber.org/protocol/caps'/>"
      "<feature var='http://jabber.org/protocol/disco#info'/>"
      "<feature var='http://jabber.org/protocol/disco#items'/>"
      "<feature var='http://jabber.org/protocol/muc'/>"
      "</query>");
  EXPECT_EQ(verification_string(*query),
            "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<"
            "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<"
            "http://jabber.org/protocol/muc<");
  EXPECT_EQ(sha1_ver(*query), "QgayPKawpkPSDYmwT/WM94uAlu0=");
}

TEST(CapsHash, ComplexGenerationExampleWithForm) {
  // Identities, features and form fields deliberately out of order.
  auto query = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>"
      "<identity xml:lang='el' category='client' name='\xce\xa8 0.11' type='pc'/>"
      "<feature var='http://jabber.org/protocol/disco#items'/>"
      "<feature var='http://jabber.org/protocol/caps'/>"
      "<feature var='http://jabber.org/protocol/disco#info'/>"
      "<feature var='http://jabber.org/protocol/muc'/>"
      "<x xmlns='jabber:x:data' type='result'>"
      "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>"
      "<field var='ip_version'><value>ipv6</value><value>ipv4</value></field>"
      "<field var='os'><value>Mac</value></field>"
      "<field var='os_version'><value>10.5.1</value></field>"
      "<field var='software'><value>Psi</value></field>"
      "<field var='software_version'><value>0.11</value></field>"
      "</x></query>");
  EXPECT_EQ(verification_string(*query),
            "client/pc/el/\xce\xa8 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<"
            "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<"
            "http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<"
            "ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<");
  EXPECT_EQ(sha1_ver(*query), "q07IKJEyjvHSyhy//CH0CxmKi8w=");
}

TEST(CapsHash, DuplicatesAreNotTrusted) {
  auto dup_feature = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity category='client' type='pc'/>"
      "<feature var='a'/><feature var='a'/></query>");
  EXPECT_FALSE(sha1_ver(*dup_feature));
  auto dup_identity = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity category='client' type='pc'/><identity category='client' type='pc'/>"
      "</query>");
  EXPECT_FALSE(sha1_ver(*dup_identity));
}

TEST(CapsHash, FormWithoutHiddenFormTypeIsIgnored) {
  auto plain = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity category='client' type='pc'/><feature var='a'/></query>");
  auto with_form = parse(
      "<query xmlns='http://jabber.org/protocol/disco#info'>"
      "<identity category='client' type='pc'/><feature var='a'/>"
      "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>x</value></field>"
      "<field var='f'><value>1</value></field></x></query>");
  EXPECT_EQ(sha1_ver(*plain), sha1_ver(*with_form));
}

TEST(CapsCache, AsksOnceAndIsBounded) {
  caps_cache cache{2};
  auto now = caps_cache::clock::now();
  EXPECT_TRUE(cache.begin_query("v1", now));
  EXPECT_FALSE(cache.begin_query("v1", now));                             // already being asked
  EXPECT_TRUE(cache.begin_query("v1", now + caps_cache::query_timeout));  // the asker gave up
  cache.query_failed("v1");
  EXPECT_TRUE(cache.begin_query("v1", now));
  cache.store("v1", {"a+notify"});
  EXPECT_FALSE(cache.begin_query("v1", now));  // known
  ASSERT_TRUE(cache.find("v1"));
  EXPECT_TRUE(cache.find("v1")->count("a+notify"));
  cache.store("v2", {});
  cache.store("v3", {});
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.find("v1"));  // the oldest went first
  EXPECT_TRUE(cache.find("v3"));
}

}  // namespace
}  // namespace djabberd::caps
