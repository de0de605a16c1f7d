// Tests of markup_scanner, which must flag every '>' that can end markup in well-formed XML.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stanza/markup_scanner.hpp"

namespace djabberd::xml {
namespace {

// Positions at which a byte-by-byte scan reports a possible end of markup.
std::vector<std::size_t> flagged(std::string_view s) {
  markup_scanner m;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (m.scan(s.substr(i, 1))) out.push_back(i);
  }
  return out;
}

TEST(StanzaMarkupScanner, FlagsTagEndsOutsideQuotes) {
  std::string_view s = "<a b='>' c=\"'>\">x > y</a>";
  EXPECT_EQ(flagged(s), (std::vector<std::size_t>{s.find("\">x") + 1, s.size() - 1}));
}

TEST(StanzaMarkupScanner, CdataCommentsAndProcessingInstructions) {
  std::string_view s = "<![CDATA[ <a ' > ]] ]]><!-- ' > - --><?xml v='>'?><!DOCTYPE x '>'>";
  EXPECT_EQ(flagged(s), (std::vector<std::size_t>{s.find("]]>") + 2, s.find("-->") + 2,
                                                  s.find("?>") + 1, s.size() - 1}));
}

TEST(StanzaMarkupScanner, FalseStartsOfCdataAndComments) {
  std::string_view s = "<!-x><![CDX><!>";
  EXPECT_EQ(flagged(s), (std::vector<std::size_t>{4, 11, 14}));
}

TEST(StanzaMarkupScanner, WholeChunksAndReset) {
  markup_scanner m;
  EXPECT_FALSE(m.scan("text ' \" > more"));
  EXPECT_FALSE(m.scan("<message to='a>b"));
  EXPECT_TRUE(m.scan("'>"));
  EXPECT_FALSE(m.scan("<a b='"));
  m.reset();
  EXPECT_FALSE(m.scan("plain > text"));
}

}  // namespace
}  // namespace djabberd::xml
