// RFC 6125 / RFC 6120 §13.7.1.2 identity checks, on certificates generated here with OpenSSL.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <vector>

#include "actors/tls/cert_names.hpp"

namespace djabberd::tls {
namespace {

struct x509_deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using x509_ptr = std::unique_ptr<X509, x509_deleter>;

// A self-signed P-256 certificate with subject CN `cn` (empty: none) and the subjectAltName
// entries in OpenSSL's config syntax, e.g. "DNS:example.com" or
// "otherName:1.3.6.1.5.5.7.8.5;UTF8:example.com".
x509_ptr make_cert(const std::string& cn, const std::string& san) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  x509_ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!cn.empty())
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (!san.empty()) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
    EXPECT_NE(ext, nullptr) << san;
    if (ext) {
      X509_add_ext(cert.get(), ext, -1);
      X509_EXTENSION_free(ext);
    }
  }
  X509_sign(cert.get(), key, EVP_sha256());
  EVP_PKEY_free(key);
  return cert;
}

TEST(CertNames, DnsIdExactAndCaseInsensitive) {
  EXPECT_TRUE(dns_id_matches("example.com", "example.com"));
  EXPECT_TRUE(dns_id_matches("Example.COM", "example.com"));
  EXPECT_TRUE(dns_id_matches("example.com.", "example.com"));
  EXPECT_FALSE(dns_id_matches("example.com", "example.org"));
  EXPECT_FALSE(dns_id_matches("", "example.com"));
}

TEST(CertNames, WildcardOnlyAsWholeLeftmostLabel) {
  EXPECT_TRUE(dns_id_matches("*.example.com", "xmpp.example.com"));
  EXPECT_FALSE(dns_id_matches("*.example.com", "example.com"));
  EXPECT_FALSE(dns_id_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_id_matches("*.com", "example.com"));
  EXPECT_FALSE(dns_id_matches("x*.example.com", "xmpp.example.com"));
  EXPECT_FALSE(dns_id_matches("xmpp.*.com", "xmpp.example.com"));
}

TEST(CertNames, ReadsDnsXmppAddrAndSrvIds) {
  auto cert = make_cert("ignored.example",
                        "DNS:a.example, otherName:1.3.6.1.5.5.7.8.5;UTF8:b.example, "
                        "otherName:1.3.6.1.5.5.7.8.7;IA5:_xmpp-server.c.example");
  auto ids = identities_of(cert.get());
  EXPECT_EQ(ids.dns_ids, std::vector<std::string>{"a.example"});
  EXPECT_EQ(ids.xmpp_addrs, std::vector<std::string>{"b.example"});
  EXPECT_EQ(ids.srv_ids, std::vector<std::string>{"_xmpp-server.c.example"});
  EXPECT_EQ(ids.common_name, "ignored.example");
  EXPECT_TRUE(identifies(ids, "a.example"));
  EXPECT_TRUE(identifies(ids, "b.example"));
  EXPECT_TRUE(identifies(ids, "c.example"));
  // RFC 6125 §6.4.4: no CN fallback when the certificate has subjectAltName identities.
  EXPECT_FALSE(identifies(ids, "ignored.example"));
}

TEST(CertNames, SrvIdOfAnotherServiceDoesNotCount) {
  auto cert = make_cert("", "otherName:1.3.6.1.5.5.7.8.7;IA5:_xmpp-client.c.example");
  EXPECT_FALSE(identifies(identities_of(cert.get()), "c.example"));
}

TEST(CertNames, CommonNameOnlyWithoutSans) {
  auto cert = make_cert("legacy.example", "");
  auto ids = identities_of(cert.get());
  EXPECT_TRUE(ids.dns_ids.empty());
  EXPECT_TRUE(identifies(ids, "legacy.example"));
  EXPECT_FALSE(identifies(ids, "other.example"));
}

TEST(CertNames, WildcardCertificate) {
  auto cert = make_cert("", "DNS:*.example.net");
  auto ids = identities_of(cert.get());
  EXPECT_TRUE(identifies(ids, "chat.example.net"));
  EXPECT_FALSE(identifies(ids, "example.net"));
}

TEST(CertNames, NoCertificateIdentifiesNothing) {
  EXPECT_FALSE(identifies(identities_of(nullptr), "example.com"));
}

}  // namespace
}  // namespace djabberd::tls
