// The load generator's SCRAM-SHA-256 client against the RFC 7677 example, and its key cache.
#include <gtest/gtest.h>

#include <vector>

#include "bench/loadgen/base64.hpp"
#include "bench/loadgen/scram_client.hpp"

namespace djabberd::loadgen {
namespace {

TEST(LoadgenScram, Rfc7677Example) {
  ScramKeyCache keys{"pencil"};
  ScramClient client{"user", "rOprNGfwEbeRWgbNEkqO", keys};
  EXPECT_EQ(client.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  std::string error;
  auto final_message = client.client_final(
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
      error);
  ASSERT_TRUE(final_message) << error;
  EXPECT_EQ(*final_message,
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
  EXPECT_TRUE(client.verify_server_final("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", error))
      << error;
  EXPECT_TRUE(client.server_verified());
}

TEST(LoadgenScram, RejectsForgedServerSignatureAndForeignNonce) {
  ScramKeyCache keys{"pencil"};
  ScramClient client{"user", "abc", keys};
  std::string error;
  EXPECT_FALSE(client.client_final("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096", error));
  EXPECT_EQ(error, "scram_bad_nonce");
  ASSERT_TRUE(client.client_final("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096", error));
  EXPECT_FALSE(client.verify_server_final("v=" + base64_encode(std::string(32, 'x')), error));
  EXPECT_FALSE(client.verify_server_final("e=invalid-proof", error));
  EXPECT_EQ(error, "scram_server_error:invalid-proof");
}

TEST(LoadgenScram, CachesKeysPerSaltAndIterations) {
  ScramKeyCache keys{"pw"};
  const ScramKeys a = keys.get("salt-1", 4096);
  const ScramKeys b = keys.get("salt-1", 4096);
  keys.get("salt-1", 4097);
  keys.get("salt-2", 4096);
  EXPECT_EQ(a.client_key, b.client_key);
  EXPECT_EQ(keys.computed(), 3u);
  EXPECT_EQ(keys.hits(), 1u);
}

TEST(LoadgenScram, EscapesUsername) {
  ScramKeyCache keys{"pw"};
  ScramClient client{"a,b=c", "n", keys};
  EXPECT_EQ(client.client_first(), "n,,n=a=2Cb=3Dc,r=n");
}

TEST(LoadgenBase64, RoundTrips) {
  std::string out;
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0x\0y", 4)}) {
    ASSERT_TRUE(base64_decode(base64_encode(s), out));
    EXPECT_EQ(out, s);
  }
  EXPECT_TRUE(base64_decode("=", out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(base64_decode("abc", out));
}

}  // namespace
}  // namespace djabberd::loadgen
