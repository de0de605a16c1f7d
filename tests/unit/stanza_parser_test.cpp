// Tests of the streaming XML parser on well-formed client streams fed in arbitrary chunks.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stanza/serializer.hpp"
#include "stanza/xml_stream.hpp"

namespace djabberd::xml {
namespace {

// Records every event as a line of text; stanzas are re-serialised into a jabber:client stream.
struct recorder : stream_parser::handler {
  std::vector<std::string> events;
  std::vector<element_ptr> stanzas;
  std::vector<stream_header> headers;
  std::vector<std::string> stop_after;  // stanza names after which on_stanza returns false

  void on_stream_open(const stream_header& h) override {
    headers.push_back(h);
    events.push_back("open ns=" + h.content_ns + " to=" + h.to + " from=" + h.from + " id=" + h.id +
                     " version=" + h.version + " lang=" + h.lang);
  }
  bool on_stanza(element_ptr e) override {
    events.push_back("stanza " + to_string(*e, "jabber:client"));
    stanzas.push_back(e);
    for (const auto& n : stop_after) {
      if (e->name() == n) return false;
    }
    return true;
  }
  void on_stream_close() override { events.push_back("close"); }
  void on_error(stream_error c, std::string text) override {
    events.push_back("error " + std::string(condition_name(c)) + ": " + text);
  }
};

// Feeds chunks the way a connection does: when the parser stops after an element, reset it and
// feed the remaining bytes of the chunk into the new stream.
void drive(stream_parser& p, recorder& r, const std::vector<std::string_view>& chunks) {
  for (std::string_view chunk : chunks) {
    std::size_t off = 0;
    while (off < chunk.size()) {
      std::size_t n = p.feed(chunk.data() + off, chunk.size() - off);
      ASSERT_LE(n, chunk.size() - off);
      off += n;
      if (p.stopped()) {
        r.events.push_back("restart");
        p.reset();
      } else {
        ASSERT_EQ(off, chunk.size());
      }
    }
  }
}

const std::string header =
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "to='example.com' version='1.0' xml:lang='en'>";
const std::string starttls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
const std::string auth =
    "<auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"PLAIN\">"
    "AGp1bGlldABwYXNzd29yZA==</auth>";
const std::string bind =
    "<iq type='set' id='bind_1'>\n  <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
    "<resource>balcony</resource></bind>\n</iq>";
const std::string message =
    "<message to='romeo@example.net' type='chat' id='m1' xml:lang='en'>"
    "<body>Wherefore art thou, Romeo? &amp; &lt;3 &#x263A; \xE2\x98\xBA &quot;&#65;</body>"
    "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
    "<p style='font-weight: bold'>O <em>Romeo</em>!</p></body></html>"
    "<x:x xmlns:x='jabber:x:data' type='form'/><thread>t1</thread>"
    "<![CDATA[<not a tag> & ]]>stuff</message>";

const std::string document = "<?xml version='1.0'?>" + header + "\n  " + starttls +
                             "<?xml version='1.0'?>" + header + auth + header + "\n" + bind +
                             "\n\n  " + message + " \t\r\n<presence/></stream:stream>";

const std::string open_event = "open ns=jabber:client to=example.com from= id= version=1.0 lang=en";

const std::vector<std::string> expected_events = {
    open_event,
    "stanza <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
    "restart",
    open_event,
    "stanza <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
    "AGp1bGlldABwYXNzd29yZA==</auth>",
    "restart",
    open_event,
    "stanza <iq type='set' id='bind_1'>\n  <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
    "<resource>balcony</resource></bind>\n</iq>",
    "stanza <message to='romeo@example.net' type='chat' id='m1' xml:lang='en'>"
    "<body>Wherefore art thou, Romeo? &amp; &lt;3 \xE2\x98\xBA \xE2\x98\xBA \"A</body>"
    "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
    "<p style='font-weight: bold'>O <em>Romeo</em>!</p></body></html>"
    "<x xmlns='jabber:x:data' type='form'/><thread>t1</thread>"
    "&lt;not a tag&gt; &amp; stuff</message>",
    "stanza <presence/>",
    "close",
};

recorder run(const std::vector<std::string_view>& chunks) {
  recorder r;
  r.stop_after = {"starttls", "auth"};
  stream_parser p(r, {});
  drive(p, r, chunks);
  return r;
}

TEST(StanzaParser, WholeDocumentYieldsExpectedEvents) {
  recorder r = run({document});
  EXPECT_EQ(r.events, expected_events);
}

TEST(StanzaParser, EverySplitOffsetYieldsIdenticalEvents) {
  std::string_view doc = document;
  for (std::size_t i = 1; i < doc.size(); ++i) {
    recorder r = run({doc.substr(0, i), doc.substr(i)});
    ASSERT_EQ(r.events, expected_events) << "split at " << i;
  }
}

TEST(StanzaParser, ByteByByteYieldsIdenticalEvents) {
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < document.size(); ++i) bytes.push_back({document.data() + i, 1});
  recorder r = run(bytes);
  EXPECT_EQ(r.events, expected_events);
}

TEST(StanzaParser, VaryingChunkSizesYieldIdenticalEvents) {
  std::string_view doc = document;
  for (std::size_t size : {2, 3, 5, 7, 13, 64, 100}) {
    std::vector<std::string_view> chunks;
    for (std::size_t i = 0; i < doc.size(); i += size) chunks.push_back(doc.substr(i, size));
    recorder r = run(chunks);
    EXPECT_EQ(r.events, expected_events) << "chunk size " << size;
  }
}

TEST(StanzaParser, StopReturnsExactOffsetAfterElement) {
  recorder r;
  r.stop_after = {"starttls"};
  stream_parser p(r, {});
  // Whatever follows <starttls/> is TLS: binary junk that must not be parsed.
  std::string input = "<?xml version='1.0'?>" + header + starttls + "\x16\x03\x01\x02\x00\x01\xff<";
  std::size_t n = p.feed(input.data(), input.size());
  std::size_t expected = input.find(starttls) + starttls.size();
  EXPECT_EQ(n, expected);
  EXPECT_TRUE(p.stopped());
  EXPECT_FALSE(p.failed());
  ASSERT_EQ(r.events.size(), 2u);
  // Until reset(), nothing more is consumed.
  EXPECT_EQ(p.feed(input.data() + n, input.size() - n), 0u);
  EXPECT_EQ(r.events.size(), 2u);

  p.reset();
  EXPECT_FALSE(p.stopped());
  std::string next = header + "<presence/>";
  EXPECT_EQ(p.feed(next.data(), next.size()), next.size());
  ASSERT_EQ(r.events.size(), 4u);
  EXPECT_EQ(r.events[3], "stanza <presence/>");
}

TEST(StanzaParser, StopOffsetIsRelativeToTheCurrentChunkWhenTheTagWasSplit) {
  recorder r;
  r.stop_after = {"starttls"};
  stream_parser p(r, {});
  std::string first = header + starttls.substr(0, 20);
  std::string second = starttls.substr(20) + "<junk";
  EXPECT_EQ(p.feed(first.data(), first.size()), first.size());
  EXPECT_EQ(p.feed(second.data(), second.size()), starttls.size() - 20);
  EXPECT_TRUE(p.stopped());
}

TEST(StanzaParser, StopAtTheLastByteOfTheChunkConsumesEverything) {
  recorder r;
  r.stop_after = {"starttls"};
  stream_parser p(r, {});
  std::string input = header + starttls;
  EXPECT_EQ(p.feed(input.data(), input.size()), input.size());
  EXPECT_TRUE(p.stopped());
}

// Long tags make the parser withhold chunks from expat; quotes, '>' inside values and CDATA must
// not hide the end of an element.
std::string long_document() {
  std::string value;
  for (int i = 0; i < 300; ++i) value += "a>\"b ";
  std::string single = value;  // for double-quoted values
  for (char& c : single) c = c == '"' ? '\'' : c;
  std::string stanza1 = "<message id='" + value + "' x=\"'>'" + single + "'\"><body note='" +
                        value + "'>text ' \" > &gt;<![CDATA[ ' \" <x> ]] ]>" + value + "]]>" +
                        value + "</body></message>";
  std::string stop =
      "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls' pad='" + std::string(1500, 'p') + "'/>";
  return "<?xml version='1.0'?>" + header + stanza1 + stop + header + "<presence big=\"" +
         std::string(3000, '\'') + "\"/>" + std::string(2000, ' ') + "<iq type='get' " +
         std::string(1000, ' ') + "id='1'/><message></message" + std::string(700, ' ') + ">" +
         "</stream:stream>";
}

TEST(StanzaParser, LongTagsFedInPiecesYieldIdenticalEvents) {
  const std::string doc = long_document();
  recorder whole = run({doc});
  ASSERT_EQ(whole.events.size(), 9u) << whole.events.back();
  EXPECT_EQ(whole.events.back(), "close");
  std::string_view d = doc;
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < d.size(); ++i) bytes.push_back(d.substr(i, 1));
  EXPECT_EQ(run(bytes).events, whole.events);
  for (std::size_t size : {2, 3, 7, 100, 511, 512, 513, 1000}) {
    std::vector<std::string_view> chunks;
    for (std::size_t i = 0; i < d.size(); i += size) chunks.push_back(d.substr(i, size));
    EXPECT_EQ(run(chunks).events, whole.events) << "chunk size " << size;
  }
  for (std::size_t i = 1; i < d.size(); i += 3) {
    ASSERT_EQ(run({d.substr(0, i), d.substr(i)}).events, whole.events) << "split at " << i;
  }
}

TEST(StanzaParser, TinyChunksOfAHugeTokenTakeLinearTime) {
  // Expat rescans partial tokens on every call; without withholding this is quadratic (about a
  // minute for 250 KB fed byte by byte).
  for (std::string prefix : {"<message to='", "<message><!-- ", "<message><?pi ", "<m"}) {
    recorder r;
    stream_parser p(r, {});
    std::string start = header + prefix;
    p.feed(start.data(), start.size());
    auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < 250000; ++i) p.feed("a", 1);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    EXPECT_LT(seconds, 5.0) << prefix;
    EXPECT_FALSE(p.failed()) << prefix << r.events.back();
  }
}

TEST(StanzaParser, ElementTreeContents) {
  recorder r = run({document});
  ASSERT_EQ(r.stanzas.size(), 5u);
  const element& msg = *r.stanzas[3];
  EXPECT_EQ(msg.name(), "message");
  EXPECT_EQ(msg.ns(), "jabber:client");
  EXPECT_EQ(msg.attr_or("to"), "romeo@example.net");
  ASSERT_NE(msg.attr("lang", xml_ns), nullptr);
  EXPECT_EQ(*msg.attr("lang", xml_ns), "en");
  EXPECT_EQ(msg.attr("lang"), nullptr);
  auto body = msg.child("body", "jabber:client");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->text(), "Wherefore art thou, Romeo? & <3 \xE2\x98\xBA \xE2\x98\xBA \"A");
  auto html = msg.child("html", "http://jabber.org/protocol/xhtml-im");
  ASSERT_NE(html, nullptr);
  auto xhtml_body = html->child("body", "http://www.w3.org/1999/xhtml");
  ASSERT_NE(xhtml_body, nullptr);
  auto p = xhtml_body->first_child_element();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->ns(), "http://www.w3.org/1999/xhtml");
  EXPECT_EQ(p->children().size(), 3u);  // "O ", <em/>, "!"
  auto x = msg.child("x", "jabber:x:data");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->attr_or("type"), "form");
  EXPECT_EQ(msg.text(), "<not a tag> & stuff");
  const auto& h = r.headers.front();
  EXPECT_EQ(h.stream_ns, streams_ns);
  EXPECT_EQ(h.attributes.size(), 3u);  // to, version, xml:lang (declarations are not attributes)
}

TEST(StanzaParser, HeaderFieldsAndForeignNamespaces) {
  recorder r;
  stream_parser p(r, {});
  std::string input =
      "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='jabber:server' "
      "from='a.example' to='b.example' id='abc' version='1.0' xml:lang='de'>"
      "<s:features><ping xmlns='urn:xmpp:ping'/></s:features><db:result "
      "xmlns:db='jabber:server:dialback' from='a.example' to='b.example'>key</db:result>"
      "<noname xmlns=''/>";
  EXPECT_EQ(p.feed(input.data(), input.size()), input.size());
  ASSERT_EQ(r.events.size(), 4u) << r.events.back();
  const auto& h = r.headers.front();
  EXPECT_EQ(h.content_ns, "jabber:server");
  EXPECT_EQ(h.from, "a.example");
  EXPECT_EQ(h.to, "b.example");
  EXPECT_EQ(h.id, "abc");
  EXPECT_EQ(h.version, "1.0");
  EXPECT_EQ(h.lang, "de");
  EXPECT_EQ(r.stanzas[0]->ns(), streams_ns);
  EXPECT_EQ(r.stanzas[0]->name(), "features");
  EXPECT_EQ(r.stanzas[1]->ns(), "jabber:server:dialback");
  EXPECT_EQ(r.stanzas[1]->text(), "key");
  EXPECT_EQ(r.stanzas[2]->ns(), "");
}

TEST(StanzaParser, StreamWithoutDefaultNamespace) {
  recorder r;
  stream_parser p(r, {});
  std::string input = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><a/>";
  p.feed(input.data(), input.size());
  ASSERT_EQ(r.stanzas.size(), 1u);
  EXPECT_EQ(r.headers.front().content_ns, "");
  EXPECT_EQ(r.stanzas[0]->ns(), "");
}

TEST(StanzaParser, WhitespaceKeepalivesAreAcceptedIndefinitely) {
  recorder r;
  stream_limits limits;
  limits.max_stanza_bytes = 1000;
  stream_parser p(r, limits);
  p.feed(header.data(), header.size());
  std::string spaces(1 << 20, ' ');
  for (std::size_t i = 0; i < spaces.size(); i += 7) spaces[i] = "\n\t\r "[i % 4];
  for (int round = 0; round < 4; ++round) {
    ASSERT_EQ(p.feed(spaces.data(), spaces.size()), spaces.size());  // one big chunk
    for (std::size_t i = 0; i < spaces.size(); i += 4096) {
      ASSERT_EQ(p.feed(spaces.data() + i, 4096), 4096u);  // many small ones
    }
    std::string stanza = "<presence/>";
    p.feed(stanza.data(), stanza.size());
  }
  EXPECT_FALSE(p.failed());
  EXPECT_EQ(r.stanzas.size(), 4u);
}

TEST(StanzaParser, StanzaOfExactlyTheLimitIsAccepted) {
  for (std::size_t extra : {0, 1}) {
    recorder r;
    stream_limits limits;
    limits.max_stanza_bytes = 500;
    stream_parser p(r, limits);
    std::string stanza =
        "<message><body>" + std::string(500 - 32 + extra, 'x') + "</body></message>";
    ASSERT_EQ(stanza.size(), 500 + extra);
    // Leading whitespace between stanzas is not part of the stanza.
    std::string input = header + "\n  \n" + stanza + "\n" + stanza;
    p.feed(input.data(), input.size());
    if (extra == 0) {
      EXPECT_FALSE(p.failed());
      EXPECT_EQ(r.stanzas.size(), 2u);
    } else {
      EXPECT_TRUE(p.failed());
      EXPECT_EQ(r.stanzas.size(), 0u);
      EXPECT_EQ(r.events.back(), "error policy-violation: stanza too large");
    }
  }
}

TEST(StanzaParser, SetLimitsRaisesTheStanzaLimit) {
  recorder r;
  stream_limits limits;
  limits.max_stanza_bytes = 1000;
  stream_parser p(r, limits);
  p.feed(header.data(), header.size());
  limits.max_stanza_bytes = 10000;
  p.set_limits(limits);
  EXPECT_EQ(p.limits().max_stanza_bytes, 10000u);
  std::string stanza = "<message><body>" + std::string(5000, 'x') + "</body></message>";
  p.feed(stanza.data(), stanza.size());
  EXPECT_FALSE(p.failed());
  EXPECT_EQ(r.stanzas.size(), 1u);
}

TEST(StanzaParser, StreamCloseIgnoresFurtherInput) {
  recorder r;
  stream_parser p(r, {});
  std::string input = header + "<presence/></stream:stream><junk>not even xml <<<";
  EXPECT_EQ(p.feed(input.data(), input.size()), input.size());
  EXPECT_TRUE(p.closed());
  EXPECT_FALSE(p.failed());
  EXPECT_EQ(p.feed("more", 4), 4u);
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events.back(), "close");
}

TEST(StanzaParser, ErrorIsReportedOnceAndLaterInputIgnored) {
  recorder r;
  stream_parser p(r, {});
  std::string input = header + "<a></b>";
  EXPECT_EQ(p.feed(input.data(), input.size()), input.size());
  EXPECT_TRUE(p.failed());
  std::string more = "<presence/>";
  EXPECT_EQ(p.feed(more.data(), more.size()), more.size());
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events.back().rfind("error not-well-formed", 0), 0u) << r.events.back();
  // reset() makes the parser usable again.
  p.reset();
  EXPECT_FALSE(p.failed());
  input = header + more;
  p.feed(input.data(), input.size());
  EXPECT_EQ(r.events.back(), "stanza <presence/>");
}

TEST(StanzaParser, UnboundPrefixIsBadNamespacePrefix) {
  recorder r;
  stream_parser p(r, {});
  std::string input = header + "<foo:bar/>";
  p.feed(input.data(), input.size());
  EXPECT_EQ(r.events.back().rfind("error bad-namespace-prefix", 0), 0u) << r.events.back();
}

TEST(StanzaParser, HandlerExceptionsPropagate) {
  struct thrower : recorder {
    bool on_stanza(element_ptr) override { throw std::runtime_error("boom"); }
  } r;
  stream_parser p(r, {});
  std::string input = header + "<presence/><presence/>";
  EXPECT_THROW(p.feed(input.data(), input.size()), std::runtime_error);
  EXPECT_TRUE(p.failed());
  EXPECT_EQ(p.feed(input.data(), input.size()), input.size());
}

TEST(StanzaParser, Utf8EncodingDeclarationIsAccepted) {
  for (std::string decl : {"<?xml version='1.0' encoding='UTF-8'?>",
                           "<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes'?>", ""}) {
    recorder r;
    stream_parser p(r, {});
    std::string input = decl + header + "<presence/>";
    p.feed(input.data(), input.size());
    EXPECT_FALSE(p.failed()) << decl << ": " << r.events.back();
    EXPECT_EQ(r.stanzas.size(), 1u);
  }
}

TEST(StanzaParser, MaximumDepthAndAttributesAreAccepted) {
  recorder r;
  stream_parser p(r, {});
  std::string input = header;
  for (int i = 0; i < 32; ++i) input += "<a>";
  for (int i = 0; i < 32; ++i) input += "</a>";
  input += "<b";
  for (int i = 0; i < 63; ++i) input += " a" + std::to_string(i) + "='v'";
  input += " xmlns='urn:x'/>";
  p.feed(input.data(), input.size());
  EXPECT_FALSE(p.failed()) << r.events.back();
  EXPECT_EQ(r.stanzas.size(), 2u);
}

}  // namespace
}  // namespace djabberd::xml
