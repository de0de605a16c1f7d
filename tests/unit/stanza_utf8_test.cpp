// Tests of the incremental UTF-8 validator.
#include <gtest/gtest.h>

#include <string>

#include "stanza/utf8.hpp"

namespace djabberd::xml {
namespace {

TEST(StanzaUtf8, ValidSequences) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80 \xDF\xBF"));
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"));
}

TEST(StanzaUtf8, InvalidSequences) {
  for (const char* s : {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xC2\x41", "\xE0\x9F\xBF",
                        "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                        "\xF5\x80\x80\x80", "\xFE", "\xFF", "\xE2\x98"}) {
    EXPECT_FALSE(is_valid_utf8(s)) << s;
  }
}

TEST(StanzaUtf8, IncrementalAcrossChunks) {
  utf8_validator v;
  EXPECT_EQ(v.feed("ab\xE2"), utf8_validator::npos);
  EXPECT_FALSE(v.complete());
  EXPECT_EQ(v.feed("\x98"), utf8_validator::npos);
  EXPECT_EQ(v.feed("\xBA"
                   "c"),
            utf8_validator::npos);
  EXPECT_TRUE(v.complete());
  EXPECT_EQ(v.feed("xy\xED"), utf8_validator::npos);
  EXPECT_EQ(v.feed("\xA0"), 0u);  // surrogate detected at the first byte of this chunk
  EXPECT_TRUE(v.invalid());
  EXPECT_EQ(v.feed("ok"), 0u);
  EXPECT_EQ(v.bad_sequence_prefix(), 1u);  // the sequence began in the previous chunk
  v.reset();
  EXPECT_EQ(v.feed("q\xC3\x28"), 2u);
  EXPECT_EQ(v.bad_sequence_prefix(), 1u);
  v.reset();
  EXPECT_EQ(v.feed("q\xF0\x9F\x98!"), 4u);
  EXPECT_EQ(v.bad_sequence_prefix(), 3u);
  v.reset();
  EXPECT_EQ(v.feed("\xC2\x80\x80"), 2u);
  EXPECT_EQ(v.bad_sequence_prefix(), 0u);
}

}  // namespace
}  // namespace djabberd::xml
