// Tests of XML serialisation: escaping, namespace declarations and parse round trips.
#include <gtest/gtest.h>

#include <string>

#include "stanza/serializer.hpp"
#include "stanza/xml_stream.hpp"

namespace djabberd::xml {
namespace {

TEST(StanzaSerializer, EmptyElement) {
  EXPECT_EQ(to_string(*make_element("presence", "")), "<presence/>");
  EXPECT_EQ(to_string(*make_element("presence", "jabber:client"), "jabber:client"), "<presence/>");
}

TEST(StanzaSerializer, EscapesText) {
  auto e = make_element("body", "");
  e->add_text("a & b < c > d \"q\" 'a' \t\n\r end");
  EXPECT_EQ(to_string(*e), "<body>a &amp; b &lt; c &gt; d \"q\" 'a' \t\n&#13; end</body>");
}

TEST(StanzaSerializer, EscapesAttributes) {
  auto e = make_element("x", "");
  e->set_attr("v", "a&b<c>d\"e'f\tg\nh\ri");
  EXPECT_EQ(to_string(*e), "<x v='a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i'/>");
}

TEST(StanzaSerializer, KeepsUtf8Verbatim) {
  auto e = make_element("body", "");
  e->add_text("\xE2\x98\xBA \xC3\xA4");
  EXPECT_EQ(to_string(*e), "<body>\xE2\x98\xBA \xC3\xA4</body>");
}

TEST(StanzaSerializer, DeclaresNamespacesOnlyWhereTheyChange) {
  auto iq = make_element("iq", "jabber:client");
  iq->set_attr("type", "result");
  auto& query = iq->add_child("query", "jabber:iq:roster");
  query.add_child("item", "jabber:iq:roster").set_attr("jid", "a@b");
  query.add_child("group", "");  // no namespace under a default namespace: undeclare it
  iq->add_child("error", "jabber:client");

  EXPECT_EQ(to_string(*iq),
            "<iq xmlns='jabber:client' type='result'><query xmlns='jabber:iq:roster'>"
            "<item jid='a@b'/><group xmlns=''/></query><error/></iq>");
  EXPECT_EQ(to_string(*iq, "jabber:client"),
            "<iq type='result'><query xmlns='jabber:iq:roster'><item jid='a@b'/>"
            "<group xmlns=''/></query><error/></iq>");
  EXPECT_EQ(to_string(*iq, "urn:other"),
            "<iq xmlns='jabber:client' type='result'><query xmlns='jabber:iq:roster'>"
            "<item jid='a@b'/><group xmlns=''/></query><error/></iq>");
}

TEST(StanzaSerializer, StanzaAdoptsTheContentNamespaceOfTheStream) {
  auto msg = make_element("message", "jabber:client");
  msg->add_child("body", "jabber:client").add_text("hi");
  msg->add_child("x", "jabber:server");
  // A c2s stanza written into a server-to-server stream.
  EXPECT_EQ(to_string(*msg, "jabber:server"),
            "<message><body>hi</body><x xmlns='jabber:server'/></message>");
  EXPECT_EQ(to_string(*msg, "jabber:client"),
            "<message><body>hi</body><x xmlns='jabber:server'/></message>");
}

TEST(StanzaSerializer, ForeignTopElementInAStream) {
  auto features = make_element("features", std::string(streams_ns));
  features->add_child("bind", "urn:ietf:params:xml:ns:xmpp-bind");
  EXPECT_EQ(to_string(*features, "jabber:client"),
            "<features xmlns='http://etherx.jabber.org/streams'>"
            "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></features>");
}

TEST(StanzaSerializer, XmlLangAndPrefixedAttributes) {
  auto e = make_element("message", "jabber:client");
  e->set_attr("lang", "en", std::string(xml_ns));
  e->set_attr("a", "1", "urn:one");
  e->set_attr("b", "2", "urn:two");
  e->set_attr("c", "3", "urn:one");
  e->set_attr("xmlns", "ignored");
  e->add_child("body", "jabber:client").set_attr("d", "4", "urn:two");
  EXPECT_EQ(to_string(*e, "jabber:client"),
            "<message xml:lang='en' xmlns:ns1='urn:one' ns1:a='1' xmlns:ns2='urn:two' ns2:b='2' "
            "ns1:c='3'><body xmlns:ns1='urn:two' ns1:d='4'/></message>");
}

TEST(StanzaSerializer, SerializeAppends) {
  std::string out = "<stream>";
  serialize(*make_element("a", ""), out);
  EXPECT_EQ(out, "<stream><a/>");
}

struct collector : stream_parser::handler {
  std::vector<element_ptr> stanzas;
  std::string error;
  void on_stream_open(const stream_header&) override {}
  bool on_stanza(element_ptr e) override {
    stanzas.push_back(e);
    return true;
  }
  void on_stream_close() override {}
  void on_error(stream_error c, std::string t) override {
    error = std::string(condition_name(c)) + ": " + t;
  }
};

element_ptr reparse(const element& e, std::string_view content_ns) {
  collector c;
  stream_parser p(c, {});
  std::string doc = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'";
  if (!content_ns.empty()) doc += " xmlns='" + std::string(content_ns) + "'";
  doc += ">";
  serialize(e, doc, content_ns);
  p.feed(doc.data(), doc.size());
  EXPECT_EQ(c.error, "") << doc;
  EXPECT_EQ(c.stanzas.size(), 1u) << doc;
  return c.stanzas.empty() ? nullptr : c.stanzas.front();
}

TEST(StanzaSerializer, RoundTripPreservesEverything) {
  auto msg = make_element("message", "jabber:client");
  msg->set_attr("to", "juliet@example.com/balcony");
  msg->set_attr("id", "a'b\"c&d<e>\t\n\r");
  msg->set_attr("lang", "en", std::string(xml_ns));
  msg->set_attr("ext", "1", "urn:ext");
  msg->add_text("  lead & <text>\r\n ");
  auto& body = msg->add_child("body", "jabber:client");
  body.add_text("\xE2\x98\xBA ]]> & <&>");
  auto& html = msg->add_child("html", "http://jabber.org/protocol/xhtml-im");
  auto& xbody = html.add_child("body", "http://www.w3.org/1999/xhtml");
  xbody.add_child("p", "http://www.w3.org/1999/xhtml").add_text("para");
  xbody.add_child("bare", "");
  msg->add_child("thread", "jabber:client").set_attr("parent", "p", "urn:ext2");
  msg->add_text("tail");

  for (std::string_view ns : {"jabber:client", ""}) {
    auto back = reparse(*msg, ns);
    ASSERT_NE(back, nullptr);
    EXPECT_TRUE(*back == *msg) << to_string(*back) << "\n" << to_string(*msg);
    EXPECT_EQ(to_string(*back), to_string(*msg));
  }
}

TEST(StanzaSerializer, ParseSerializeParseIsStable) {
  std::string stanza =
      "<iq type='get' id='q&amp;1'><query xmlns='http://jabber.org/protocol/disco#info' "
      "node='x&#10;y'/><c:x xmlns:c='urn:c' c:a='1'>t&#13;<![CDATA[&]]></c:x></iq>";
  collector c;
  stream_parser p(c, {});
  std::string doc =
      "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" +
      stanza;
  p.feed(doc.data(), doc.size());
  ASSERT_EQ(c.stanzas.size(), 1u) << c.error;
  auto again = reparse(*c.stanzas.front(), "jabber:client");
  ASSERT_NE(again, nullptr);
  EXPECT_TRUE(*again == *c.stanzas.front());
  EXPECT_EQ(again->child("x", "urn:c")->text(), "t\r&");
  EXPECT_EQ(*again->child("x", "urn:c")->attr("a", "urn:c"), "1");
}

}  // namespace
}  // namespace djabberd::xml
