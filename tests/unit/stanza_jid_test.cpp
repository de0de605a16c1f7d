// Tests of JID parsing, preparation, comparison and hashing.
#include <gtest/gtest.h>
#include <stringprep.h>

#include <optional>
#include <string>
#include <unordered_set>

#include "stanza/jid.hpp"

namespace djabberd {
namespace {

struct valid_case {
  const char* input;
  const char* local;
  const char* domain;
  const char* resource;
};

const valid_case valid_cases[] = {
    {"example.com", "", "example.com", ""},
    {"user@example.com", "user", "example.com", ""},
    {"User@Example.COM", "user", "example.com", ""},
    {"user@example.com/Resource", "user", "example.com", "Resource"},
    {"example.com/Res", "", "example.com", "Res"},
    {"a@b/c/d", "a", "b", "c/d"},
    {"a@b/c@d", "a", "b", "c@d"},
    {"b/c@d", "", "b", "c@d"},
    {"user@example.com/ with space ", "user", "example.com", " with space "},
    {"\xC3\x84\xC3\x96@\xC3\x89XAMPLE.com", "\xC3\xA4\xC3\xB6", "\xC3\xA9xample.com", ""},
    {"example.com.", "", "example.com", ""},
    {"u@EXAMPLE.com./r", "u", "example.com", "r"},
    {"u@[::1]/r", "u", "[::1]", "r"},
    {"[2001:DB8:0::1]", "", "[2001:db8::1]", ""},
    {"u@192.168.0.1", "u", "192.168.0.1", ""},
    {"localhost", "", "localhost", ""},
    {"u@my_host-1.example", "u", "my_host-1.example", ""},
    {"stra\xC3\x9F"
     "e@example.com",
     "strasse", "example.com", ""},  // ß -> ss
    {"\xEF\xBD\x95\xEF\xBD\x93\xEF\xBD\x85\xEF\xBD\x92@example.com", "user", "example.com",
     ""},  // fullwidth
    {"u@example.com/\xE2\x98\xBA", "u", "example.com", "\xE2\x98\xBA"},
    {"u@example.com/R\xC3\x89S", "u", "example.com", "R\xC3\x89S"},  // case preserved
    {"u@\xE4\xBE\x8B\xE3\x80\x82\xE4\xBE\x8B", "u", "\xE4\xBE\x8B.\xE4\xBE\x8B", ""},  // U+3002
    {"!#$%()*+,-.;=?[\\]^_`{|}~@example.com", "!#$%()*+,-.;=?[\\]^_`{|}~", "example.com", ""},
};

TEST(StanzaJid, ValidJids) {
  for (const auto& c : valid_cases) {
    auto j = jid::parse(c.input);
    ASSERT_TRUE(j.has_value()) << c.input;
    EXPECT_EQ(j->local(), c.local) << c.input;
    EXPECT_EQ(j->domain(), c.domain) << c.input;
    EXPECT_EQ(j->resource(), c.resource) << c.input;
    // The prepared form is a fixed point.
    auto again = jid::parse(j->str());
    ASSERT_TRUE(again.has_value()) << j->str();
    EXPECT_EQ(*again, *j);
  }
}

TEST(StanzaJid, InvalidJids) {
  const std::string long_part(1024, 'a');
  const std::string invalid[] = {
      "",
      "@",
      "@b",
      "a@",
      "a@/r",
      "b/",
      "a@b/",
      "/r",
      "a b@c",
      "a\"b@c",
      "a&b@c",
      "a'b@c",
      "a:b@c",
      "a<b@c",
      "a>b@c",
      "a@b@c",
      "a\x01@b",
      "u@b/\x01",
      "u@b/\x7F",
      "exa mple.com",
      "example..com",
      ".example.com",
      "example.com..",
      ".",
      "exa<mple.com",
      "[::1",
      "[zz::1]",
      "[]",
      "\xC3\x28@x",
      "u@x/\xED\xA0\x80",
      "u@\xC0\xAF",
      long_part + "@example.com",
      "u@" + long_part,
      "u@example.com/" + long_part,
      "u@\xE2\x80\x8B",              // maps to nothing: empty domain
      "\xE2\x80\x8B@example.com",    // empty local after mapping
      "u@example.com/\xE2\x80\x8B",  // empty resource after mapping
      "\xD8\xA7"
      "a@example.com",  // bidi: RandAL mixed with L
      std::string("a\0b@c", 5),
  };
  for (const auto& s : invalid) EXPECT_FALSE(jid::parse(s).has_value()) << s;
}

TEST(StanzaJid, PartLengthLimits) {
  const std::string max(1023, 'a');
  EXPECT_TRUE(jid::parse(max + "@example.com").has_value());
  EXPECT_TRUE(jid::parse("u@example.com/" + max).has_value());
  EXPECT_TRUE(jid::parse(max).has_value());
  // Length counts bytes after preparation: 1022 + two-byte char.
  EXPECT_FALSE(jid::parse(std::string(1022, 'a') + "\xC3\xA4@x").has_value());
  EXPECT_TRUE(jid::parse(std::string(1021, 'a') + "\xC3\x84@x").has_value());
}

TEST(StanzaJid, Make) {
  auto j = jid::make("User", "Example.com", "Home");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->str(), "user@example.com/Home");
  EXPECT_EQ(jid::make("", "example.com")->str(), "example.com");
  EXPECT_FALSE(jid::make("u", "").has_value());
  EXPECT_FALSE(jid::make("a@b", "example.com").has_value());
  EXPECT_EQ(jid::make("u", "example.com", "a/b")->resource(), "a/b");
}

TEST(StanzaJid, BareAndFull) {
  auto full = *jid::parse("Juliet@Capulet.lit/Balcony");
  auto bare = *jid::parse("juliet@capulet.lit");
  EXPECT_FALSE(full.is_bare());
  EXPECT_TRUE(bare.is_bare());
  EXPECT_NE(full, bare);
  EXPECT_EQ(full.bare(), bare);
  EXPECT_EQ(full.str(), "juliet@capulet.lit/Balcony");
  EXPECT_EQ(full.bare_str(), "juliet@capulet.lit");
  EXPECT_EQ(bare.str(), "juliet@capulet.lit");
  EXPECT_NE(full, *jid::parse("juliet@capulet.lit/balcony"));  // resources are case-sensitive
  EXPECT_LT(bare, full);
  EXPECT_FALSE(full.empty());
  EXPECT_TRUE(jid().empty());
  EXPECT_EQ(jid().str(), "");
  std::ostringstream os;
  os << full;
  EXPECT_EQ(os.str(), full.str());
}

TEST(StanzaJid, WithResource) {
  auto bare = *jid::parse("juliet@capulet.lit");
  auto full = bare.with_resource("Orchard");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->str(), "juliet@capulet.lit/Orchard");
  EXPECT_EQ(full->with_resource("x")->str(), "juliet@capulet.lit/x");
  EXPECT_EQ(*full->with_resource(""), bare);
  EXPECT_FALSE(bare.with_resource("\x01").has_value());
  EXPECT_FALSE(bare.with_resource(std::string(1024, 'r')).has_value());
}

TEST(StanzaJid, Hash) {
  std::hash<jid> h;
  EXPECT_EQ(h(*jid::parse("A@B/c")), h(*jid::parse("a@b/c")));
  std::unordered_set<jid> set;
  set.insert(*jid::parse("a@b/c"));
  set.insert(*jid::parse("A@B/c"));
  set.insert(*jid::parse("a@b/C"));
  set.insert(*jid::parse("a@b"));
  set.insert(*jid::parse("b"));
  EXPECT_EQ(set.size(), 4u);
  EXPECT_TRUE(set.count(*jid::parse("a@B.")));
}

// Reference: libidn applied directly, without the ASCII fast path.
std::optional<std::string> reference(const std::string& s, const Stringprep_profile* profile) {
  std::string buf = s;
  buf.resize(s.size() * 4 + 16, '\0');
  if (stringprep(buf.data(), buf.size(), Stringprep_profile_flags(0), profile) != STRINGPREP_OK) {
    return std::nullopt;
  }
  buf.resize(buf.find('\0'));
  return buf;
}

TEST(StanzaJid, AsciiFastPathMatchesLibidn) {
  for (int c = 1; c < 128; ++c) {
    std::string s = "aB" + std::string(1, char(c)) + "Z";
    EXPECT_EQ(nodeprep(s), reference(s, stringprep_xmpp_nodeprep)) << c;
    EXPECT_EQ(nameprep(s), reference(s, stringprep_nameprep)) << c;
    EXPECT_EQ(resourceprep(s), reference(s, stringprep_xmpp_resourceprep)) << c;
  }
}

TEST(StanzaJid, PrepFunctions) {
  EXPECT_EQ(nodeprep("\xC3\x84"), "\xC3\xA4");
  EXPECT_EQ(nameprep("\xC3\x89XAMPLE"), "\xC3\xA9xample");
  EXPECT_EQ(resourceprep("\xE2\x85\xA0"), "I");  // NFKC: ROMAN NUMERAL ONE
  EXPECT_EQ(nodeprep("a\xC2\xA0"
                     "b"),
            std::nullopt);                            // non-ASCII space is prohibited
  EXPECT_EQ(resourceprep("\xC3\x28"), std::nullopt);  // malformed UTF-8
}

}  // namespace
}  // namespace djabberd
