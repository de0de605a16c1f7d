// Trust store and client contexts of federation.
#include "actors/s2s/trust.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <stdexcept>

#include "actors/tls/tls_context.hpp"

namespace djabberd::s2s {

namespace {

std::string openssl_error() {
  char buf[256];
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  ERR_error_string_n(code, buf, sizeof(buf));
  return buf;
}

SSL_CTX* make_client_context(const std::filesystem::path& cert, const std::filesystem::path& key,
                             X509_STORE* store) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) throw std::runtime_error("cannot create TLS context: " + openssl_error());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  X509_STORE_up_ref(store);
  SSL_CTX_set_cert_store(ctx, store);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    SSL_CTX_free(ctx);
    throw std::runtime_error(cert.string() +
                             ": cannot load certificate or key: " + openssl_error());
  }
  return ctx;
}

}  // namespace

trust::trust(const config::server_config& config) {
  store_ = X509_STORE_new();
  const auto& s2s = config.s2s;
  if (s2s.ca_file.empty() && s2s.ca_dir.empty()) {
    X509_STORE_set_default_paths(store_);
  } else {
    const char* file = s2s.ca_file.empty() ? nullptr : s2s.ca_file.c_str();
    const char* dir = s2s.ca_dir.empty() ? nullptr : s2s.ca_dir.c_str();
    if (X509_STORE_load_locations(store_, file, dir) != 1) {
      X509_STORE_free(store_);
      throw std::runtime_error("s2s.ca_file/ca_dir: cannot load " +
                               (file ? s2s.ca_file : s2s.ca_dir) + ": " + openssl_error());
    }
  }
  for (const auto& vhost : config.vhosts) {
    std::filesystem::path cert = vhost.tls_cert, key = vhost.tls_key;
    if (cert.empty())
      std::tie(cert, key) = tls::ensure_self_signed(config.data_dir / "certs", vhost.domain);
    clients_[vhost.domain] = make_client_context(cert, key, store_);
  }
}

trust::~trust() {
  for (auto& [_, ctx] : clients_) SSL_CTX_free(ctx);
  X509_STORE_free(store_);
}

SSL_CTX* trust::client_context(const std::string& local_domain) const {
  auto it = clients_.find(local_domain);
  return it == clients_.end() ? nullptr : it->second;
}

}  // namespace djabberd::s2s
