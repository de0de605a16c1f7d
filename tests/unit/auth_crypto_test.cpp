// Tests hashing, HMAC, PBKDF2, constant-time comparison, randomness and SASLprep.
#include <gtest/gtest.h>

#include "auth/base64.hpp"
#include "auth/crypto.hpp"

namespace djabberd::auth {
namespace {

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

TEST(Crypto, MechanismNames) {
  EXPECT_EQ(mechanism_name(hash_algo::sha1, false), "SCRAM-SHA-1");
  EXPECT_EQ(mechanism_name(hash_algo::sha1, true), "SCRAM-SHA-1-PLUS");
  EXPECT_EQ(mechanism_name(hash_algo::sha256, false), "SCRAM-SHA-256");
  EXPECT_EQ(mechanism_name(hash_algo::sha256, true), "SCRAM-SHA-256-PLUS");
  EXPECT_EQ(digest_size(hash_algo::sha1), 20u);
  EXPECT_EQ(digest_size(hash_algo::sha256), 32u);
}

TEST(Crypto, HashVectors) {
  EXPECT_EQ(hex(hash(hash_algo::sha1, "abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(hash(hash_algo::sha256, "abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacVectorsFromRfc4231AndRfc2202) {
  // RFC 4231 test case 2 and RFC 2202 test case 2.
  EXPECT_EQ(hex(hmac(hash_algo::sha256, "Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex(hmac(hash_algo::sha1, "Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Crypto, Pbkdf2VectorsFromRfc6070) {
  EXPECT_EQ(hex(pbkdf2(hash_algo::sha1, "password", "salt", 1)),
            "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  EXPECT_EQ(hex(pbkdf2(hash_algo::sha1, "password", "salt", 4096)),
            "4b007901b765489abead49d926f721d065a429c1");
  EXPECT_EQ(pbkdf2(hash_algo::sha256, "password", "salt", 1).size(), 32u);
  EXPECT_THROW(pbkdf2(hash_algo::sha1, "password", "salt", 0), std::invalid_argument);
}

TEST(Crypto, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("abc", ""));
  EXPECT_TRUE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(Crypto, RandomBytes) {
  EXPECT_EQ(random_bytes(0), "");
  std::string a = random_bytes(32), b = random_bytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

TEST(Crypto, SaslprepRfc4013Examples) {
  EXPECT_EQ(saslprep("I\u00ADX"), "IX");   // soft hyphen mapped to nothing
  EXPECT_EQ(saslprep("user"), "user");     // no transformation
  EXPECT_EQ(saslprep("USER"), "USER");     // case preserved
  EXPECT_EQ(saslprep("\u00AA"), "a");      // NFKC
  EXPECT_EQ(saslprep("\u2168"), "IX");     // NFKC
  EXPECT_FALSE(saslprep("\u0007"));        // prohibited character
  EXPECT_FALSE(saslprep("\u0627\u0031"));  // bidi check
  EXPECT_EQ(saslprep("a\u00A0b"), "a b");  // non-ASCII space mapped to space
  EXPECT_EQ(saslprep("pencil"), "pencil");
}

TEST(Crypto, SaslprepRejectsBadInput) {
  EXPECT_FALSE(saslprep(std::string_view("a\0b", 3)));
  EXPECT_FALSE(saslprep("\xff"));
  EXPECT_FALSE(saslprep("\xc3"));
  // U+0221 is unassigned in Unicode 3.2: refused for stored strings, allowed in queries.
  EXPECT_FALSE(saslprep("\u0221"));
  EXPECT_EQ(saslprep("\u0221", true), "\u0221");
}

}  // namespace
}  // namespace djabberd::auth
