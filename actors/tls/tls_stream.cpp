// Memory-BIO TLS: SSL_read/SSL_write against two BIOs the owning actor fills and drains.
#include "actors/tls/tls_stream.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace djabberd::tls {

namespace {

std::string last_error() {
  char buf[256];
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "TLS error";
  ERR_error_string_n(code, buf, sizeof(buf));
  return buf;
}

// The handshake goes on whatever the chain looks like: s2s decides afterwards (dialback needs no
// trusted certificate) with chain_verified() and the name checks of cert_names.hpp.
int accept_any_chain(int, X509_STORE_CTX*) {
  return 1;
}

}  // namespace

stream::stream(SSL_CTX* ctx, const std::string& server_name) : stream(ctx) {
  SSL_set_connect_state(ssl_);
  if (!server_name.empty()) SSL_set_tlsext_host_name(ssl_, server_name.c_str());
}

stream::stream(SSL_CTX* ctx) {
  ssl_ = SSL_new(ctx);
  in_ = BIO_new(BIO_s_mem());
  out_ = BIO_new(BIO_s_mem());
  BIO_set_mem_eof_return(in_, -1);
  BIO_set_mem_eof_return(out_, -1);
  SSL_set_bio(ssl_, in_, out_);  // the SSL owns both BIOs from here on
  SSL_set_accept_state(ssl_);
}

stream::~stream() {
  SSL_free(ssl_);
}

stream::status stream::receive(const char* data, std::size_t len, std::string& plaintext) {
  if (len > 0 && BIO_write(in_, data, static_cast<int>(len)) != static_cast<int>(len)) {
    error_ = "cannot buffer TLS input";
    return status::failed;
  }
  char buf[4096];
  for (;;) {
    int n = SSL_read(ssl_, buf, sizeof(buf));
    if (n > 0) {
      plaintext.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    int err = SSL_get_error(ssl_, n);
    if (!handshake_done_ && SSL_is_init_finished(ssl_)) handshake_done_ = true;
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return status::ok;
    if (err == SSL_ERROR_ZERO_RETURN) return status::closed;
    error_ = last_error();
    return status::failed;
  }
}

stream::status stream::send(const char* data, std::size_t len) {
  while (len > 0) {
    int n = SSL_write(ssl_, data, static_cast<int>(len));
    if (n <= 0) {
      int err = SSL_get_error(ssl_, n);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return status::ok;
      error_ = last_error();
      return status::failed;
    }
    data += n;
    len -= static_cast<std::size_t>(n);
  }
  return status::ok;
}

void stream::drain(std::string& out) {
  char* ptr = nullptr;
  long pending = BIO_get_mem_data(out_, &ptr);
  if (pending <= 0) return;
  out.append(ptr, static_cast<std::size_t>(pending));
  (void)BIO_reset(out_);
}

std::string stream::version() const {
  return SSL_get_version(ssl_);
}

std::string stream::cipher() const {
  return SSL_get_cipher_name(ssl_);
}

bool stream::is_tls13() const {
  return SSL_version(ssl_) == TLS1_3_VERSION;
}

std::string stream::exporter_binding() const {
  if (!handshake_done_ || !is_tls13()) return {};
  static constexpr char label[] = "EXPORTER-Channel-Binding";
  unsigned char out[32];
  if (SSL_export_keying_material(ssl_, out, sizeof(out), label, sizeof(label) - 1, nullptr, 0, 0) !=
      1)
    return {};
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string stream::server_name() const {
  const char* name = SSL_get_servername(ssl_, TLSEXT_NAMETYPE_host_name);
  return name ? name : "";
}

void stream::request_peer_certificate(X509_STORE* store) {
  SSL_set_verify(ssl_, SSL_VERIFY_PEER, accept_any_chain);
  if (store != nullptr) SSL_set1_verify_cert_store(ssl_, store);
}

X509* stream::peer_certificate() const {
  return SSL_get0_peer_certificate(ssl_);
}

bool stream::chain_verified() const {
  return peer_certificate() != nullptr && SSL_get_verify_result(ssl_) == X509_V_OK;
}

std::string stream::verify_error() const {
  if (peer_certificate() == nullptr) return "no certificate";
  return X509_verify_cert_error_string(SSL_get_verify_result(ssl_));
}

void stream::shutdown() {
  SSL_shutdown(ssl_);
}

}  // namespace djabberd::tls
