// Tests of stream_parser::release_idle(): releasing expat at idle boundaries changes nothing else.
#include <gtest/gtest.h>
#include <malloc.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stanza/serializer.hpp"
#include "stanza/xml_stream.hpp"

#if defined(__SANITIZE_ADDRESS__)  // gcc
#define DJABBERD_TEST_UNDER_ASAN 1
#elif defined(__has_feature)  // clang (the fuzz build)
#if __has_feature(address_sanitizer)
#define DJABBERD_TEST_UNDER_ASAN 1
#endif
#endif
#ifdef DJABBERD_TEST_UNDER_ASAN
// From <sanitizer/allocator_interface.h>, which gcc does not install; libasan exports it.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace djabberd::xml {
namespace {

// Records every event (stanzas re-serialised) and every value feed() returns.
struct recorder : stream_parser::handler {
  std::vector<std::string> events;
  std::vector<std::string> stop_after{"starttls", "auth"};

  void on_stream_open(const stream_header& h) override {
    events.push_back("open ns=" + h.content_ns + " to=" + h.to + " version=" + h.version +
                     " lang=" + h.lang);
  }
  bool on_stanza(element_ptr e) override {
    events.push_back("stanza " + to_string(*e, "jabber:client"));
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

struct outcome {
  std::vector<std::string> events;
  std::vector<std::size_t> consumed;  // every feed() result
  std::size_t releases = 0;
};

// Feeds chunks like a connection (reset and continue after a stop); with `release`, calls
// release_idle() after every feed() and checks it is refused while a stanza is open.
outcome drive(const std::vector<std::string_view>& chunks, bool release,
              stream_limits limits = {}) {
  outcome o;
  recorder r;
  stream_parser p(r, limits);
  for (std::string_view chunk : chunks) {
    std::size_t off = 0;
    while (off < chunk.size()) {
      std::size_t n = p.feed(chunk.data() + off, chunk.size() - off);
      o.consumed.push_back(n);
      off += n;
      if (p.stopped()) {
        EXPECT_FALSE(p.release_idle());
        r.events.push_back("restart");
        p.reset();
        EXPECT_FALSE(p.release_idle());  // no header yet
      } else if (n == 0) {
        break;
      }
      if (release && p.release_idle()) {
        ++o.releases;
        EXPECT_TRUE(p.released());
        EXPECT_TRUE(p.release_idle());  // idempotent
      }
    }
  }
  o.events = std::move(r.events);
  return o;
}

const std::string header =
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "xmlns:foo='urn:foo' to='example.com' version='1.0' xml:lang='en'>";

const std::string document =
    "<?xml version='1.0'?>" + header + "\n  <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" +
    header + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1</auth>" +
    header + "\n<iq type='set' id='b'>\n <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>\n</iq>" +
    " \n\t<message to='a@b' xml:lang='de'><body>caf\xC3\xA9 &amp; &#x263A;</body><foo:x a='1'/>"
    "<![CDATA[<x>]]></message>\n<presence/> \r\n <iq type='get' id='p'><ping "
    "xmlns='urn:xmpp:ping'/></iq></stream:stream>";

TEST(StanzaParserRelease, EverySplitOffsetWithReleasesYieldsIdenticalEvents) {
  outcome whole = drive({document}, false);
  ASSERT_EQ(whole.events.back(), "close");
  std::size_t released_somewhere = 0;
  for (std::size_t i = 0; i <= document.size(); ++i) {
    std::string_view d(document);
    outcome plain = drive({d.substr(0, i), d.substr(i)}, false);
    outcome rel = drive({d.substr(0, i), d.substr(i)}, true);
    ASSERT_EQ(rel.events, whole.events) << "split at " << i;
    ASSERT_EQ(rel.consumed, plain.consumed) << "split at " << i;
    released_somewhere += rel.releases;
  }
  EXPECT_GT(released_somewhere, 0u);
}

TEST(StanzaParserRelease, ByteByByteWithReleasesYieldsIdenticalEvents) {
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < document.size(); ++i) bytes.push_back({document.data() + i, 1});
  outcome plain = drive(bytes, false);
  outcome rel = drive(bytes, true);
  EXPECT_EQ(rel.events, plain.events);
  EXPECT_EQ(rel.consumed, plain.consumed);
  // Releasable: after each of the three headers, after the five stanzas of the last stream, and
  // after whitespace that expat reported in full.
  EXPECT_GE(rel.releases, 8u);
}

// Feeds `input` in one go to a fresh parser; returns it for further use.
std::unique_ptr<stream_parser> fed(recorder& r, const std::string& input, stream_limits l = {}) {
  auto p = std::make_unique<stream_parser>(r, l);
  p->feed(input.data(), input.size());
  return p;
}

TEST(StanzaParserRelease, RefusedWhenNotAtACleanBoundary) {
  {
    recorder r;
    auto p = fed(r, "");
    EXPECT_FALSE(p->release_idle());  // nothing yet
    p->feed("<stream:stream xmlns:stream", 27);
    EXPECT_FALSE(p->release_idle());  // inside the header
  }
  {
    recorder r;
    auto p = fed(r, header + "<message><body>hi");
    EXPECT_FALSE(p->release_idle());  // stanza open
    p->feed("</body></message><pres", 22);
    EXPECT_FALSE(p->release_idle());  // partial tag buffered in expat
    p->feed("ence/>", 6);
    EXPECT_TRUE(p->release_idle());
  }
  {
    recorder r;
    auto p = fed(r, header + "<message body='" + std::string(2000, 'x'));
    p->feed("yyyy", 4);  // withheld: cannot complete the tag
    EXPECT_FALSE(p->release_idle());
    p->feed("'/>", 3);
    EXPECT_TRUE(p->release_idle());
    EXPECT_EQ(r.events.size(), 2u);
  }
  {
    recorder r;
    auto p = fed(r, header + "<a></b>");
    EXPECT_TRUE(p->failed());
    EXPECT_FALSE(p->release_idle());
  }
  {
    recorder r;
    auto p = fed(r, header + "</stream:stream>");
    EXPECT_TRUE(p->closed());
    EXPECT_FALSE(p->release_idle());
  }
  {
    recorder r;
    auto p = fed(r, header + "<starttls/>");
    EXPECT_TRUE(p->stopped());
    EXPECT_FALSE(p->release_idle());
  }
  {
    recorder r;
    auto p = fed(r, header + "<presence/>\xC3");  // half a UTF-8 sequence
    EXPECT_FALSE(p->release_idle());
  }
  {
    // Not from inside a handler callback.
    struct releaser : recorder {
      stream_parser* p = nullptr;
      bool on_stanza(element_ptr e) override {
        EXPECT_FALSE(p->release_idle());
        return recorder::on_stanza(std::move(e));
      }
    } r;
    stream_parser p(r, {});
    r.p = &p;
    std::string input = header + "<presence/>";
    p.feed(input.data(), input.size());
    EXPECT_TRUE(p.release_idle());
  }
}

// Feeds `parts` with release_idle() between them (required to succeed unless the stream failed);
// returns the events.
std::vector<std::string> with_releases(const std::vector<std::string>& parts,
                                       stream_limits limits = {}) {
  recorder r;
  stream_parser p(r, limits);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    EXPECT_EQ(p.feed(parts[i].data(), parts[i].size()), parts[i].size());
    if (i + 1 < parts.size() && !p.failed()) {
      EXPECT_TRUE(p.release_idle()) << "after part " << i;
    }
  }
  return r.events;
}

std::vector<std::string> without_releases(const std::vector<std::string>& parts,
                                          stream_limits limits = {}) {
  recorder r;
  stream_parser p(r, limits);
  for (const auto& part : parts) p.feed(part.data(), part.size());
  return r.events;
}

TEST(StanzaParserRelease, CustomStreamPrefixSurvivesARelease) {
  std::vector<std::string> parts = {
      "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='jabber:client' to='x'>",
      "<message to='a@b'><body>1</body></message>", "\n",
      "<s:features xmlns:s='http://etherx.jabber.org/streams'/>", "</s:stream>"};
  auto events = with_releases(parts);
  EXPECT_EQ(events, without_releases(parts));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1], "stanza <message to='a@b'><body>1</body></message>");
  EXPECT_EQ(events.back(), "close");
  // The original prefix is required: a different one does not close the stream.
  auto wrong = with_releases({parts[0], "</stream:stream>"});
  EXPECT_EQ(wrong.back().rfind("error", 0), 0u) << wrong.back();
}

TEST(StanzaParserRelease, NamespacesDeclaredOnTheRootSurviveARelease) {
  std::vector<std::string> parts = {
      "<stream xmlns='http://etherx.jabber.org/streams' xmlns:c='jabber:client' "
      "xmlns:q=\"urn:&amp;'&lt;q\">",
      "<c:message><q:x q:a='1'/></c:message>", "<q:y/>", "</stream>"};
  auto events = with_releases(parts);
  EXPECT_EQ(events, without_releases(parts));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1],
            "stanza <message><x xmlns='urn:&amp;&apos;&lt;q' xmlns:ns1='urn:&amp;&apos;&lt;q' "
            "ns1:a='1'/></message>")
      << events[1];
  EXPECT_EQ(events.back(), "close");
  // An unbound prefix is still an unbound prefix.
  auto bad = with_releases({header, "<bar:x/>"});
  EXPECT_EQ(bad.back().rfind("error bad-namespace-prefix", 0), 0u) << bad.back();
}

TEST(StanzaParserRelease, LimitsStillApplyAfterARelease) {
  stream_limits limits;
  limits.max_stanza_bytes = 500;
  limits.max_depth = 4;
  limits.max_attributes = 6;  // the header has six
  for (std::size_t extra : {0, 1}) {
    std::string stanza =
        "<message><body>" + std::string(500 - 32 + extra, 'x') + "</body></message>";
    std::vector<std::string> parts = {header, "\n ", stanza, "\n", stanza};
    auto events = with_releases(parts, limits);
    EXPECT_EQ(events, without_releases(parts, limits));
    EXPECT_EQ(events.back().rfind(extra ? "error policy-violation" : "stanza", 0), 0u);
  }
  for (std::string bad :
       {"<a><b><c><d><e/></d></c></b></a>", "<a t='0' u='1' v='1' w='1' x='2' y='3' z='4'/>",
        "<a xmlns:p='urn:p' u='1' v='1' w='1' x='2' y='3' z='4'/>", "<!-- hi -->", "<?pi x?>",
        "<?xml version='1.0'?>", "<!DOCTYPE x>", "<a>&ent;</a>", "text", "<a>\xC3\x28</a>",
        "<a>\xFF</a>", "\n\n  <a></b>"}) {
    std::vector<std::string> parts = {header, "<presence/>\n", "<a/>", bad};
    auto events = with_releases(parts, limits);
    EXPECT_EQ(events, without_releases(parts, limits)) << bad;
    EXPECT_EQ(events.back().rfind("error", 0), 0u) << bad << ": " << events.back();
  }
}

TEST(StanzaParserRelease, ErrorPositionsAreThoseOfTheWholeStream) {
  std::vector<std::string> parts = {header + "\n", "<a/>\n  ", "<b/>", "<c></d>"};
  auto events = with_releases(parts);
  EXPECT_EQ(events, without_releases(parts));
  EXPECT_NE(events.back().find("line 3"), std::string::npos) << events.back();
}

TEST(StanzaParserRelease, ResetAfterAReleaseStartsANewStream) {
  recorder r;
  stream_parser p(r, {});
  p.feed(header.data(), header.size());
  ASSERT_TRUE(p.release_idle());
  p.reset();
  EXPECT_FALSE(p.released());
  std::string input = "<s:stream xmlns:s='http://etherx.jabber.org/streams'><x/></s:stream>";
  p.feed(input.data(), input.size());
  EXPECT_EQ(r.events.back(), "close");
  EXPECT_EQ(r.events.size(), 4u);
}

// Heap bytes in use: glibc's count, or ASan's in a sanitizer build (ASan replaces malloc, so
// mallinfo2() then reports nothing and the comparison below would be 0 vs 0).
std::size_t heap_in_use() {
#ifdef DJABBERD_TEST_UNDER_ASAN
  return __sanitizer_get_current_allocated_bytes();
#else
  return mallinfo2().uordblks;
#endif
}

TEST(StanzaParserRelease, ReleasedParsersUseFarLessMemory) {
  std::string input =
      header + "<message to='a@b' id='1'><body>" + std::string(3000, 'x') + "</body></message>";
  struct discard : stream_parser::handler {
    void on_stream_open(const stream_header&) override {}
    bool on_stanza(element_ptr) override { return true; }
    void on_stream_close() override {}
    void on_error(stream_error, std::string) override {}
  };
  auto measure = [&](bool release) {
    discard r;
    std::vector<std::unique_ptr<stream_parser>> parsers;
    parsers.reserve(1000);
    std::size_t before = heap_in_use();
    for (int i = 0; i < 1000; ++i) {
      parsers.push_back(std::make_unique<stream_parser>(r));
      parsers.back()->feed(input.data(), input.size());
      if (release) {
        EXPECT_TRUE(parsers.back()->release_idle());
      }
    }
    std::size_t after = heap_in_use();
    return after > before ? after - before : 0;
  };
  std::size_t unreleased = measure(false);
  std::size_t released = measure(true);
  RecordProperty("unreleased_bytes_per_parser", std::to_string(unreleased / 1000));
  RecordProperty("released_bytes_per_parser", std::to_string(released / 1000));
  EXPECT_LT(released, unreleased / 2) << released << " vs " << unreleased;
}

}  // namespace
}  // namespace djabberd::xml
