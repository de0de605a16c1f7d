// Tests scram_server behaviour: channel binding, downgrade refusal, malformed input, authzid,
// unknown users and call order, using a minimal SCRAM client written here.
#include <gtest/gtest.h>

#include "auth/base64.hpp"
#include "auth/scram_server.hpp"

namespace djabberd::auth {
namespace {

using namespace std::string_literals;

// The client side of RFC 5802, just enough to drive the server.
struct test_client {
  hash_algo algo = hash_algo::sha256;
  std::string password = "pencil";
  std::string gs2 = "n,,";
  std::string bare = "n=user,r=clientnonce";
  std::string cb_data;  // channel binding data the client saw, for "p="
  std::string auth_message;
  std::string salted;

  std::string first() const { return gs2 + bare; }

  std::string final_message(const std::string& server_first) {
    auto attr = [&](char name) {
      auto start = server_first.find(std::string(1, name) + "=");
      auto end = server_first.find(',', start);
      return server_first.substr(start + 2, end - start - 2);
    };
    salted = pbkdf2(algo, password, *base64_decode(attr('s')),
                    static_cast<std::uint32_t>(std::stoul(attr('i'))));
    std::string without_proof = "c=" + base64_encode(gs2 + cb_data) + ",r=" + attr('r');
    auth_message = bare + "," + server_first + "," + without_proof;
    std::string client_key = hmac(algo, salted, "Client Key");
    std::string proof = hmac(algo, hash(algo, client_key), auth_message);
    for (std::size_t i = 0; i < proof.size(); ++i) proof[i] ^= client_key[i];
    return without_proof + ",p=" + base64_encode(proof);
  }

  std::string expected_server_final() const {
    return "v=" + base64_encode(hmac(algo, hmac(algo, salted, "Server Key"), auth_message));
  }
};

const channel_binding_support tls{
    {{"tls-server-end-point", std::string(32, '\x11')}, {"tls-exporter", std::string(32, '\x22')}}};

scram_credentials creds_for(hash_algo algo, std::string_view password = "pencil") {
  return make_scram_credentials(algo, password, "0123456789abcdef", 4096);
}

// Runs a whole exchange; returns the failure, or nullopt on success (checking v=).
std::optional<sasl_failure> exchange(scram_server& server, test_client& client) {
  auto first = server.receive_client_first(client.first());
  if (auto* failure = std::get_if<sasl_failure>(&first)) return *failure;
  std::string server_first = server.server_first(creds_for(client.algo));
  auto final_result = server.receive_client_final(client.final_message(server_first));
  if (auto* failure = std::get_if<sasl_failure>(&final_result)) return *failure;
  EXPECT_EQ(std::get<std::string>(final_result), client.expected_server_final());
  EXPECT_TRUE(server.succeeded());
  return std::nullopt;
}

TEST(ScramServer, PlainExchangeBothAlgorithms) {
  for (hash_algo algo : {hash_algo::sha1, hash_algo::sha256}) {
    scram_server server(algo, false, {});
    test_client client;
    client.algo = algo;
    EXPECT_EQ(exchange(server, client), std::nullopt);
  }
}

TEST(ScramServer, ChannelBindingHappyPathForBothTypes) {
  for (const channel_binding& binding : tls.available) {
    for (hash_algo algo : {hash_algo::sha1, hash_algo::sha256}) {
      scram_server server(algo, true, tls);
      test_client client;
      client.algo = algo;
      client.gs2 = "p=" + binding.type + ",,";
      client.cb_data = binding.data;
      EXPECT_EQ(exchange(server, client), std::nullopt) << binding.type;
    }
  }
}

TEST(ScramServer, ChannelBindingCoversAuthzid) {
  scram_server server(hash_algo::sha256, true, tls);
  test_client client;
  client.gs2 = "p=tls-exporter,a=admin@example.com,";
  client.cb_data = tls.available[1].data;
  EXPECT_EQ(exchange(server, client), std::nullopt);
}

TEST(ScramServer, ChannelBindingMismatch) {
  scram_server server(hash_algo::sha256, true, tls);
  test_client client;
  client.gs2 = "p=tls-exporter,,";
  client.cb_data = tls.available[0].data;  // the other binding's data
  EXPECT_EQ(exchange(server, client), sasl_failure::not_authorized);
  EXPECT_FALSE(server.succeeded());

  scram_server other(hash_algo::sha256, true, tls);
  test_client header_changed;
  header_changed.gs2 = "p=tls-exporter,,";
  header_changed.cb_data = tls.available[1].data;
  auto first = other.receive_client_first(header_changed.first());
  ASSERT_FALSE(std::holds_alternative<sasl_failure>(first));
  std::string final_message =
      header_changed.final_message(other.server_first(creds_for(hash_algo::sha256)));
  // Claim no channel binding in the final message although the header asked for it.
  std::string tampered = "c=biws" + final_message.substr(final_message.find(','));
  auto result = other.receive_client_final(tampered);
  ASSERT_TRUE(std::holds_alternative<sasl_failure>(result));
  EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::not_authorized);
}

TEST(ScramServer, ChannelBindingFlagRules) {
  struct rule {
    bool plus;
    bool tls_offered;
    std::string gs2;
    std::optional<sasl_failure> expected;
  };
  const rule rules[] = {
      {false, true, "y,,", sasl_failure::not_authorized},  // downgrade attack
      {false, false, "y,,", std::nullopt},                 // client could, server can't
      {false, true, "n,,", std::nullopt},                  // client can't bind
      {false, true, "p=tls-exporter,,", sasl_failure::malformed_request},
      {true, true, "n,,", sasl_failure::malformed_request},
      {true, true, "y,,", sasl_failure::malformed_request},
      {true, true, "p=tls-unique,,", sasl_failure::not_authorized},
      {true, false, "p=tls-exporter,,", sasl_failure::not_authorized},
  };
  for (const rule& r : rules) {
    scram_server server(hash_algo::sha256, r.plus, r.tls_offered ? tls : channel_binding_support{});
    test_client client;
    client.gs2 = r.gs2;
    EXPECT_EQ(exchange(server, client), r.expected) << r.plus << r.tls_offered << r.gs2;
  }
}

TEST(ScramServer, AuthzidAndEscapedNames) {
  scram_server server(hash_algo::sha256, false, {});
  auto first = server.receive_client_first("n,a=juliet=2Cx@example.com,n=us=2Cer=3D,r=abc");
  ASSERT_TRUE(std::holds_alternative<scram_server::client_first>(first));
  EXPECT_EQ(std::get<scram_server::client_first>(first).authzid, "juliet,x@example.com");
  EXPECT_EQ(std::get<scram_server::client_first>(first).authcid, "us,er=");
}

TEST(ScramServer, AuthcidIsSaslprepped) {
  scram_server server(hash_algo::sha256, false, {});
  auto first = server.receive_client_first("n,,n=I\u00ADX,r=abc");
  ASSERT_TRUE(std::holds_alternative<scram_server::client_first>(first));
  EXPECT_EQ(std::get<scram_server::client_first>(first).authcid, "IX");
}

TEST(ScramServer, ExtensionsAreIgnored) {
  scram_server server(hash_algo::sha256, false, {});
  test_client client;
  client.bare = "n=user,r=clientnonce,x=ext";
  EXPECT_EQ(exchange(server, client), std::nullopt);
}

class MalformedClientFirst : public testing::TestWithParam<std::string> {};

TEST_P(MalformedClientFirst, IsRefused) {
  scram_server server(hash_algo::sha256, false, {});
  auto result = server.receive_client_first(GetParam());
  ASSERT_TRUE(std::holds_alternative<sasl_failure>(result));
  EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::malformed_request);
  EXPECT_THROW(server.server_first(creds_for(hash_algo::sha256)), std::logic_error);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedClientFirst,
    testing::Values(""s, "n"s, "n,"s, "n,,"s, "x,,n=user,r=abc"s, "n,n=user,r=abc"s,
                    "n,a=,n=user,r=abc"s, "n,b=x,n=user,r=abc"s, "p=,,n=user,r=abc"s,
                    "p=bad name,,n=user,r=abc"s, "n,,r=abc,n=user"s, "n,,m=ext,n=user,r=abc"s,
                    "n,,n=us=2Xer,r=abc"s, "n,,n=us=er,r=abc"s, "n,,n=user=2,r=abc"s, "n,,n=user"s,
                    "n,,n=user,r="s, "n,,n=,r=abc"s, "n,,n=user,r=ab\x7f"s, "n,,n=user,r=a b"s,
                    "n,,n=us\0er,r=abc"s, "n,,n=user,r=abc\0"s,
                    "n,,n=us\xff"
                    "er,r=abc"s,
                    "n,,n=user,r=abc,x"s, "n,,n=user,r=abc,"s, "n,,n=user,r=abc,n=again"s,
                    "n,,n=user,r=abc,m=x"s, "N,,n=user,r=abc"s, "n,,n=\x07,r=abc"s));

class MalformedClientFinal : public testing::TestWithParam<std::string> {};

TEST_P(MalformedClientFinal, IsRefused) {
  scram_server server(hash_algo::sha256, false, {}, "SERVER");
  server.receive_client_first("n,,n=user,r=abc");
  server.server_first(creds_for(hash_algo::sha256));
  auto result = server.receive_client_final(GetParam());
  ASSERT_TRUE(std::holds_alternative<sasl_failure>(result));
  EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::malformed_request);
  EXPECT_FALSE(server.succeeded());
}

const std::string proof = "p=" + base64_encode(std::string(32, 'x'));

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedClientFinal,
    testing::Values(""s, "c=biws"s, "c=biws,r=abcSERVER"s, "r=abcSERVER,c=biws," + proof,
                    "c=biws," + proof + ",r=abcSERVER", "c=bi ws,r=abcSERVER," + proof,
                    "c=biw,r=abcSERVER," + proof, "c=,r=abcSERVER," + proof,
                    "c=biws,r=abcSERVER,p="s, "c=biws,r=abcSERVER,p=!!!!"s,
                    "c=biws,r=abcSERVER,m=x," + proof, "c=biws,r=abcSERVER,c=biws," + proof,
                    "c=biws,r=abc SERVER," + proof, "c=biws,r=abcSERVER," + proof + "\0"s,
                    "c=biws,r=abcSERVER\xfe," + proof, "c=biws,r=abcSERVER,," + proof,
                    "c=biws,r=abcSERVER," + proof + ",x=late"));

TEST(ScramServer, WrongNonceOrProofIsNotAuthorized) {
  const std::string finals[] = {
      "c=biws,r=abcOTHER," + proof,  "c=biws,r=abc," + proof,
      "c=biws,r=abcSERVER," + proof, "c=biws,r=abcSERVER,p=" + base64_encode("short"),
      "c=eSws,r=abcSERVER," + proof,
  };
  for (const std::string& message : finals) {
    scram_server server(hash_algo::sha256, false, {}, "SERVER");
    server.receive_client_first("n,,n=user,r=abc");
    EXPECT_EQ(server.server_first(creds_for(hash_algo::sha256)).substr(0, 12), "r=abcSERVER,");
    auto result = server.receive_client_final(message);
    ASSERT_TRUE(std::holds_alternative<sasl_failure>(result)) << message;
    EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::not_authorized) << message;
  }
}

TEST(ScramServer, WrongPasswordIsNotAuthorized) {
  scram_server server(hash_algo::sha1, false, {});
  test_client client;
  client.algo = hash_algo::sha1;
  client.password = "pencil!";
  EXPECT_EQ(exchange(server, client), sasl_failure::not_authorized);
}

TEST(ScramServer, UnknownUserFailsOnlyAtProof) {
  auto server_first_for = [](std::string_view user) {
    scram_server server(hash_algo::sha256, false, {}, "SERVER");
    server.receive_client_first("n,,n=" + std::string(user) + ",r=abc");
    return server.server_first_for_unknown_user();
  };
  std::string first = server_first_for("ghost");
  EXPECT_EQ(first.substr(0, 12), "r=abcSERVER,");
  EXPECT_EQ(first.substr(first.size() - 7), ",i=4096");
  EXPECT_EQ(first, server_first_for("ghost"));  // deterministic per user
  EXPECT_NE(first, server_first_for("ghost2"));
  auto salt = base64_decode(first.substr(14, first.find(",i=") - 14));
  ASSERT_TRUE(salt);
  EXPECT_EQ(salt->size(), default_scram_salt_size);

  // Even a client that guesses the fake salt's password cannot succeed.
  scram_server server(hash_algo::sha256, false, {});
  test_client client;
  client.bare = "n=ghost,r=clientnonce";
  server.receive_client_first(client.first());
  std::string server_first = server.server_first_for_unknown_user(10000);
  EXPECT_NE(server_first.find(",i=10000"), std::string::npos);
  auto result = server.receive_client_final(client.final_message(server_first));
  ASSERT_TRUE(std::holds_alternative<sasl_failure>(result));
  EXPECT_EQ(std::get<sasl_failure>(result), sasl_failure::not_authorized);
  EXPECT_FALSE(server.succeeded());
}

TEST(ScramServer, CallsOutOfOrderThrow) {
  scram_server server(hash_algo::sha256, false, {});
  EXPECT_THROW(server.server_first(creds_for(hash_algo::sha256)), std::logic_error);
  EXPECT_THROW(server.receive_client_final("c=biws"), std::logic_error);
  ASSERT_FALSE(std::holds_alternative<sasl_failure>(server.receive_client_first("n,,n=u,r=x")));
  EXPECT_THROW(server.receive_client_first("n,,n=u,r=x"), std::logic_error);
  EXPECT_THROW(server.server_first(creds_for(hash_algo::sha1)), std::invalid_argument);
}

TEST(ScramServer, RandomServerNonce) {
  auto nonce_of = [] {
    scram_server server(hash_algo::sha256, false, {});
    server.receive_client_first("n,,n=user,r=abc");
    std::string first = server.server_first(creds_for(hash_algo::sha256));
    return first.substr(5, first.find(',') - 5);
  };
  std::string a = nonce_of();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, nonce_of());
  EXPECT_THROW(scram_server(hash_algo::sha1, false, {}, "bad,nonce"), std::invalid_argument);
}

TEST(SaslFailure, ConditionNames) {
  EXPECT_EQ(condition_name(sasl_failure::aborted), "aborted");
  EXPECT_EQ(condition_name(sasl_failure::account_disabled), "account-disabled");
  EXPECT_EQ(condition_name(sasl_failure::credentials_expired), "credentials-expired");
  EXPECT_EQ(condition_name(sasl_failure::encryption_required), "encryption-required");
  EXPECT_EQ(condition_name(sasl_failure::incorrect_encoding), "incorrect-encoding");
  EXPECT_EQ(condition_name(sasl_failure::invalid_authzid), "invalid-authzid");
  EXPECT_EQ(condition_name(sasl_failure::invalid_mechanism), "invalid-mechanism");
  EXPECT_EQ(condition_name(sasl_failure::malformed_request), "malformed-request");
  EXPECT_EQ(condition_name(sasl_failure::mechanism_too_weak), "mechanism-too-weak");
  EXPECT_EQ(condition_name(sasl_failure::not_authorized), "not-authorized");
  EXPECT_EQ(condition_name(sasl_failure::temporary_auth_failure), "temporary-auth-failure");
}

}  // namespace
}  // namespace djabberd::auth
