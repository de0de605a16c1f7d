// TLS contexts and memory-BIO TLS streams: handshake, data both ways, channel-binding data,
// protocol floor, self-signed certificate generation.
#include <gtest/gtest.h>

#include <filesystem>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "actors/tls/tls_context.hpp"
#include "actors/tls/tls_stream.hpp"

using namespace djabberd;

namespace {

/// A client SSL over memory BIOs that the test pumps by hand against a tls::stream.
struct client {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = nullptr;
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());

  explicit client(int max_version = 0) {
    if (max_version) SSL_CTX_set_max_proto_version(ctx, max_version);
    SSL_CTX_set_security_level(ctx, 0);
    ssl = SSL_new(ctx);
    SSL_set_bio(ssl, in, out);
    SSL_set_connect_state(ssl);
    SSL_set_tlsext_host_name(ssl, "example.org");
  }
  ~client() {
    SSL_free(ssl);
    SSL_CTX_free(ctx);
  }
  std::string take() {
    char* p = nullptr;
    long n = BIO_get_mem_data(out, &p);
    std::string s(p, n > 0 ? static_cast<std::size_t>(n) : 0);
    (void)BIO_reset(out);
    return s;
  }
};

/// Moves bytes both ways until neither side has anything to say. Returns false on a TLS error.
bool pump(client& c, tls::stream& server, std::string& server_plain) {
  for (int round = 0; round < 20; ++round) {
    SSL_do_handshake(c.ssl);
    std::string to_server = c.take();
    if (server.receive(to_server.data(), to_server.size(), server_plain) != tls::stream::status::ok)
      return false;
    std::string to_client;
    server.drain(to_client);
    if (to_server.empty() && to_client.empty()) return true;
    BIO_write(c.in, to_client.data(), static_cast<int>(to_client.size()));
  }
  return true;
}

class tls_test : public ::testing::Test {
 protected:
  std::filesystem::path dir;
  std::unique_ptr<tls::context> ctx;

  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("djabberd-tls-test-" + std::to_string(::getpid()));
    auto [cert, key] = tls::ensure_self_signed(dir, "example.org");
    ctx = std::make_unique<tls::context>(cert, key);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(tls_test, self_signed_certificate_is_generated_once_and_reused) {
  auto cert = dir / "example.org.crt";
  auto before = std::filesystem::last_write_time(cert);
  tls::ensure_self_signed(dir, "example.org");
  EXPECT_EQ(before, std::filesystem::last_write_time(cert));
  EXPECT_EQ(std::filesystem::status(dir / "example.org.key").permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_EQ(ctx->fingerprint().size(), 32u * 3 - 1);
  EXPECT_GT(ctx->days_to_expiry(), 365);
}

TEST_F(tls_test, handshake_then_data_both_ways_and_matching_channel_bindings) {
  client c;
  tls::stream server(ctx->native());
  std::string plain;
  ASSERT_TRUE(pump(c, server, plain));
  ASSERT_TRUE(server.handshake_done());
  EXPECT_EQ(server.version(), "TLSv1.3");
  EXPECT_EQ(server.server_name(), "example.org");

  SSL_write(c.ssl, "<iq/>", 5);
  ASSERT_TRUE(pump(c, server, plain));
  EXPECT_EQ(plain, "<iq/>");

  ASSERT_EQ(server.send("<ok/>", 5), tls::stream::status::ok);
  std::string to_client;
  server.drain(to_client);
  BIO_write(c.in, to_client.data(), static_cast<int>(to_client.size()));
  char buf[16];
  int n = SSL_read(c.ssl, buf, sizeof(buf));
  ASSERT_EQ(n, 5);
  EXPECT_EQ(std::string(buf, 5), "<ok/>");

  // RFC 9266: both ends derive the same tls-exporter value.
  unsigned char expected[32];
  static constexpr char label[] = "EXPORTER-Channel-Binding";
  ASSERT_EQ(
      SSL_export_keying_material(c.ssl, expected, 32, label, sizeof(label) - 1, nullptr, 0, 0), 1);
  EXPECT_EQ(server.exporter_binding(), std::string(reinterpret_cast<char*>(expected), 32));

  // RFC 5929: tls-server-end-point is the SHA-256 of the certificate the client saw.
  X509* peer = SSL_get1_peer_certificate(c.ssl);
  ASSERT_NE(peer, nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  X509_digest(peer, EVP_sha256(), digest, &len);
  X509_free(peer);
  EXPECT_EQ(ctx->server_end_point(), std::string(reinterpret_cast<char*>(digest), len));
}

TEST_F(tls_test, tls12_has_no_exporter_binding_but_works) {
  client c(TLS1_2_VERSION);
  tls::stream server(ctx->native());
  std::string plain;
  ASSERT_TRUE(pump(c, server, plain));
  ASSERT_TRUE(server.handshake_done());
  EXPECT_EQ(server.version(), "TLSv1.2");
  EXPECT_TRUE(server.exporter_binding().empty());
}

TEST_F(tls_test, tls11_is_refused) {
  client c(TLS1_1_VERSION);
  tls::stream server(ctx->native());
  std::string plain;
  EXPECT_FALSE(pump(c, server, plain));
  EXPECT_FALSE(server.handshake_done());
}

TEST_F(tls_test, garbage_instead_of_a_client_hello_fails_cleanly) {
  tls::stream server(ctx->native());
  std::string plain;
  std::string junk = "<stream:stream xmlns='jabber:client'>";
  EXPECT_EQ(server.receive(junk.data(), junk.size(), plain), tls::stream::status::failed);
  EXPECT_FALSE(server.error().empty());
}

}  // namespace
