// SSL_CTX set-up: TLS 1.2+, no renegotiation, no compression, small per-connection memory.
#include "actors/tls/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace djabberd::tls {

namespace {

std::string openssl_error() {
  char buf[256];
  unsigned long code = ERR_get_error();
  if (code == 0) return "unknown OpenSSL error";
  ERR_error_string_n(code, buf, sizeof(buf));
  ERR_clear_error();
  return buf;
}

std::string hex_colon(const unsigned char* data, unsigned len) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    if (i) out += ':';
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xF];
  }
  return out;
}

// RFC 5929 §4.1: hash with the certificate's signature digest, SHA-256 if that is MD5 or SHA-1.
std::string end_point_hash(X509* cert) {
  int md_nid = NID_undef;
  const EVP_MD* md = nullptr;
  if (X509_get_signature_info(cert, &md_nid, nullptr, nullptr, nullptr) && md_nid != NID_undef &&
      md_nid != NID_md5 && md_nid != NID_sha1)
    md = EVP_get_digestbynid(md_nid);
  if (md == nullptr) md = EVP_sha256();
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  X509_digest(cert, md, buf, &len);
  return std::string(reinterpret_cast<char*>(buf), len);
}

}  // namespace

context::context(const std::filesystem::path& cert_file, const std::filesystem::path& key_file) {
  ctx_ = SSL_CTX_new(TLS_server_method());
  if (!ctx_) throw std::runtime_error("cannot create TLS context: " + openssl_error());
  SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx_, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
  // Release the 34 KiB of record buffers while a connection is idle; no session cache or
  // tickets: each idle connection then costs ~16 KiB of OpenSSL state (docs/performance.md).
  SSL_CTX_set_mode(ctx_, SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_session_cache_mode(ctx_, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(ctx_, 0);
  SSL_CTX_set_cipher_list(ctx_, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!DSS:!RC4:!3DES");
  if (SSL_CTX_use_certificate_chain_file(ctx_, cert_file.c_str()) != 1)
    throw std::runtime_error(cert_file.string() + ": cannot load certificate: " + openssl_error());
  if (SSL_CTX_use_PrivateKey_file(ctx_, key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    throw std::runtime_error(key_file.string() + ": cannot load private key: " + openssl_error());
  if (SSL_CTX_check_private_key(ctx_) != 1)
    throw std::runtime_error(key_file.string() + ": key does not match " + cert_file.string());
  X509* cert = SSL_CTX_get0_certificate(ctx_);
  end_point_ = end_point_hash(cert);
  unsigned char fp[EVP_MAX_MD_SIZE];
  unsigned fp_len = 0;
  X509_digest(cert, EVP_sha256(), fp, &fp_len);
  fingerprint_ = hex_colon(fp, fp_len);
  int days = 0, secs = 0;
  if (ASN1_TIME_diff(&days, &secs, nullptr, X509_get0_notAfter(cert))) days_to_expiry_ = days;
}

context::~context() {
  SSL_CTX_free(ctx_);
}

}  // namespace djabberd::tls
