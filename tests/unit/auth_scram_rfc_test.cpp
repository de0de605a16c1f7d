// Tests the SCRAM server and credentials against the RFC 5802 and RFC 7677 example exchanges.
#include <gtest/gtest.h>

#include "auth/base64.hpp"
#include "auth/scram_credentials.hpp"
#include "auth/scram_server.hpp"

namespace djabberd::auth {
namespace {

struct rfc_example {
  hash_algo algo;
  std::string_view server_nonce;
  std::string_view salt_b64;
  std::string_view client_first;
  std::string_view server_first;
  std::string_view client_final;
  std::string_view server_final;
};

// RFC 5802 §5.
constexpr rfc_example rfc5802{
    hash_algo::sha1,
    "3rfcNHYJY1ZVvWVs7j",
    "QSXCR+Q6sek8bf92",
    "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
};

// RFC 7677 §3.
constexpr rfc_example rfc7677{
    hash_algo::sha256,
    "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
    "W22ZaJ0SNY7soEsUEjb6gQ==",
    "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

void run_example(const rfc_example& example) {
  scram_credentials creds =
      make_scram_credentials(example.algo, "pencil", *base64_decode(example.salt_b64), 4096);
  scram_server server(example.algo, false, {}, std::string(example.server_nonce));
  auto first = server.receive_client_first(example.client_first);
  ASSERT_TRUE(std::holds_alternative<scram_server::client_first>(first));
  EXPECT_EQ(std::get<scram_server::client_first>(first).authcid, "user");
  EXPECT_EQ(std::get<scram_server::client_first>(first).authzid, "");
  EXPECT_EQ(server.server_first(creds), example.server_first);
  EXPECT_FALSE(server.succeeded());
  auto final_result = server.receive_client_final(example.client_final);
  ASSERT_TRUE(std::holds_alternative<std::string>(final_result));
  EXPECT_EQ(std::get<std::string>(final_result), example.server_final);
  EXPECT_TRUE(server.succeeded());
}

TEST(ScramRfc, Rfc5802Sha1Example) {
  run_example(rfc5802);
}

TEST(ScramRfc, Rfc7677Sha256Example) {
  run_example(rfc7677);
}

TEST(ScramRfc, WrongPasswordCredentialsFailAtProof) {
  scram_credentials creds =
      make_scram_credentials(hash_algo::sha1, "pencil2", *base64_decode(rfc5802.salt_b64), 4096);
  scram_server server(hash_algo::sha1, false, {}, std::string(rfc5802.server_nonce));
  server.receive_client_first(rfc5802.client_first);
  server.server_first(creds);
  auto result = server.receive_client_final(rfc5802.client_final);
  ASSERT_TRUE(std::holds_alternative<sasl_failure>(result));
  EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::not_authorized);
  EXPECT_FALSE(server.succeeded());
}

TEST(ScramCredentials, ReproduceRfc5802Keys) {
  scram_credentials creds =
      make_scram_credentials(hash_algo::sha1, "pencil", *base64_decode("QSXCR+Q6sek8bf92"), 4096);
  EXPECT_EQ(creds.algo, hash_algo::sha1);
  EXPECT_EQ(creds.iterations, 4096u);
  EXPECT_EQ(base64_encode(creds.salt), "QSXCR+Q6sek8bf92");
  // SaltedPassword = PBKDF2("pencil", salt, 4096); keys derived as in RFC 5802 §3.
  std::string salted = pbkdf2(hash_algo::sha1, "pencil", creds.salt, 4096);
  EXPECT_EQ(creds.stored_key, hash(hash_algo::sha1, hmac(hash_algo::sha1, salted, "Client Key")));
  EXPECT_EQ(creds.server_key, hmac(hash_algo::sha1, salted, "Server Key"));
  EXPECT_EQ(base64_encode(creds.stored_key), "6dlGYMOdZcOPutkcNY8U2g7vK9Y=");
  EXPECT_EQ(base64_encode(creds.server_key), "D+CSWLOshSulAsxiupA+qs2/fTE=");
}

TEST(ScramCredentials, VerifyPassword) {
  for (hash_algo algo : {hash_algo::sha1, hash_algo::sha256}) {
    scram_credentials creds = make_scram_credentials(algo, "correct horse");
    EXPECT_EQ(creds.salt.size(), default_scram_salt_size);
    EXPECT_EQ(creds.iterations, default_scram_iterations);
    EXPECT_EQ(creds.stored_key.size(), digest_size(algo));
    EXPECT_TRUE(verify_password(creds, "correct horse"));
    EXPECT_FALSE(verify_password(creds, "correct horse "));
    EXPECT_FALSE(verify_password(creds, "Correct horse"));
    EXPECT_FALSE(verify_password(creds, ""));
    EXPECT_FALSE(verify_password(creds, "\x07"));
  }
}

TEST(ScramCredentials, PasswordIsSaslprepped) {
  scram_credentials creds = make_scram_credentials(hash_algo::sha256, "I\u00ADX", "salt", 4096);
  EXPECT_TRUE(verify_password(creds, "IX"));
  EXPECT_TRUE(verify_password(creds, "\u2168"));
  EXPECT_EQ(creds, make_scram_credentials(hash_algo::sha256, "IX", "salt", 4096));
  EXPECT_THROW(make_scram_credentials(hash_algo::sha256, "\x07", "salt", 4096),
               std::invalid_argument);
  EXPECT_THROW(make_scram_credentials(hash_algo::sha256, "pw", "salt", 0), std::invalid_argument);
}

TEST(ScramCredentials, FreshSaltsDiffer) {
  EXPECT_NE(make_scram_credentials(hash_algo::sha1, "pw").salt,
            make_scram_credentials(hash_algo::sha1, "pw").salt);
}

}  // namespace
}  // namespace djabberd::auth
