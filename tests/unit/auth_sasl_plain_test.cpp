// Tests RFC 4616 PLAIN message parsing.
#include <gtest/gtest.h>

#include "auth/sasl_plain.hpp"

namespace djabberd::auth {
namespace {

using namespace std::string_literals;

TEST(SaslPlain, ParsesValidMessages) {
  auto m = parse_plain("\0tim\0tanstaaftanstaaf"s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->authzid, "");
  EXPECT_EQ(m->authcid, "tim");
  EXPECT_EQ(m->password, "tanstaaftanstaaf");

  m = parse_plain("Ursel\0Kurt\0xipj3plmq"s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->authzid, "Ursel");
  EXPECT_EQ(m->authcid, "Kurt");
  EXPECT_EQ(m->password, "xipj3plmq");

  m = parse_plain("\0j\u00fcrgen\0p\u00e4ss"s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->authcid, "j\u00fcrgen");
  EXPECT_TRUE(parse_plain("\0"s + std::string(255, 'u') + "\0"s + std::string(255, 'p')));
}

TEST(SaslPlain, RejectsInvalidMessages) {
  const std::string bad[] = {
      ""s,
      "tim"s,
      "\0tim"s,
      "\0tim\0"s,          // empty password
      "\0\0secret"s,       // empty authcid
      "\0tim\0sec\0ret"s,  // three NULs
      "a\0b\0c\0"s,
      "\0tim\0\xff"s,                           // invalid UTF-8
      "\0t\xc3\0pw"s,                           // truncated sequence
      "\0"s + std::string(256, 'u') + "\0pw"s,  // authcid too long
      "\0tim\0"s + std::string(256, 'p'),       // password too long
      std::string(256, 'z') + "\0tim\0pw"s,     // authzid too long
  };
  for (const std::string& message : bad) EXPECT_FALSE(parse_plain(message)) << message.size();
  // The same lengths at the limit are fine.
  EXPECT_TRUE(parse_plain(std::string(255, 'z') + "\0tim\0pw"s));
}

}  // namespace
}  // namespace djabberd::auth
