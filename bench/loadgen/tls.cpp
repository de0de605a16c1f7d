// OpenSSL client setup for the load generator.
#include "bench/loadgen/tls.hpp"

#include <openssl/err.h>

namespace djabberd::loadgen {

SslCtxPtr make_client_tls(bool direct_tls) {
  SslCtxPtr ctx{SSL_CTX_new(TLS_client_method())};
  if (!ctx) return nullptr;
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                                  SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (direct_tls) {
    static const unsigned char alpn[] = "\x0bxmpp-client";
    if (SSL_CTX_set_alpn_protos(ctx.get(), alpn, sizeof(alpn) - 1) != 0) return nullptr;
  }
  return ctx;
}

SSL* new_client_ssl(SSL_CTX* ctx, int fd, const std::string& domain) {
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr) return nullptr;
  if (SSL_set_fd(ssl, fd) != 1 || SSL_set_tlsext_host_name(ssl, domain.c_str()) != 1) {
    SSL_free(ssl);
    return nullptr;
  }
  SSL_set_connect_state(ssl);
  return ssl;
}

std::string tls_error_reason(const char* fallback) {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return fallback;
  const char* reason = ERR_reason_error_string(e);
  return reason != nullptr ? reason : fallback;
}

}  // namespace djabberd::loadgen
