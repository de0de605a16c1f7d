// First-start convenience: a self-signed certificate per vhost, kept in the data directory.
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <sys/stat.h>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "actors/tls/tls_context.hpp"

namespace djabberd::tls {

namespace {

template <class T, void (*Free)(T*)>
struct deleter {
  void operator()(T* p) const { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, deleter<X509, X509_free>>;

void fail(const std::string& what) {
  char buf[256];
  ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
  throw std::runtime_error("self-signed certificate: " + what + ": " + buf);
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
  if (!ext) fail("extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

void write_pem(const std::filesystem::path& path, mode_t mode, bool key, EVP_PKEY* pkey,
               X509* cert) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw std::runtime_error(path.string() + ": cannot write");
  chmod(path.c_str(), mode);
  int ok = key ? PEM_write_PrivateKey(f, pkey, nullptr, nullptr, 0, nullptr, nullptr)
               : PEM_write_X509(f, cert);
  std::fclose(f);
  if (!ok) fail("writing " + path.string());
}

}  // namespace

std::pair<std::filesystem::path, std::filesystem::path> ensure_self_signed(
    const std::filesystem::path& dir, const std::string& domain) {
  auto cert_path = dir / (domain + ".crt");
  auto key_path = dir / (domain + ".key");
  if (std::filesystem::exists(cert_path) && std::filesystem::exists(key_path))
    return {cert_path, key_path};
  std::filesystem::create_directories(dir);
  pkey_ptr pkey{EVP_EC_gen("P-256")};
  if (!pkey) fail("key generation");
  x509_ptr cert{X509_new()};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER* serial = X509_get_serialNumber(cert.get());
  unsigned char rnd[16];
  if (RAND_bytes(rnd, sizeof(rnd)) != 1) fail("random serial");
  rnd[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(rnd, sizeof(rnd), nullptr);
  BN_to_ASN1_INTEGER(bn, serial);
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 825);
  X509_set_pubkey(cert.get(), pkey.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(domain.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), NID_subject_alt_name, "DNS:" + domain + ",DNS:*." + domain);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth,clientAuth");
  if (!X509_sign(cert.get(), pkey.get(), EVP_sha256())) fail("signing");
  write_pem(key_path, 0600, true, pkey.get(), nullptr);
  write_pem(cert_path, 0644, false, nullptr, cert.get());
  return {cert_path, key_path};
}

}  // namespace djabberd::tls
