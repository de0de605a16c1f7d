// make_vhost_tls: certificate files -> tls::context, with the SNI callback installed.
#include "actors/server/vhost_tls.hpp"

#include <openssl/ssl.h>

#include "actors/log.hpp"

namespace djabberd {

namespace {

// SNI on direct TLS: switch to the context of the vhost the client names.
int select_vhost_by_sni(SSL* ssl, int*, void* arg) {
  const auto* server = static_cast<const server_context*>(arg);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return SSL_TLSEXT_ERR_NOACK;
  if (const auto* vhost = server->find_vhost(name)) SSL_set_SSL_CTX(ssl, vhost->tls->native());
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

tls::context_ptr make_vhost_tls(const config::server_config& cfg, const config::vhost_config& vhost,
                                const server_context* server) {
  std::filesystem::path cert = vhost.tls_cert, key = vhost.tls_key;
  if (cert.empty()) {
    std::tie(cert, key) = tls::ensure_self_signed(cfg.data_dir / "certs", vhost.domain);
    log::info("tls", vhost.domain, ": using the self-signed certificate ", cert.string());
  }
  auto ctx = std::make_shared<tls::context>(cert, key);
  log::info("tls", vhost.domain, ": certificate SHA-256 fingerprint ", ctx->fingerprint(), " (",
            ctx->days_to_expiry(), " days to expiry)");
  if (ctx->days_to_expiry() < 14)
    log::warn("tls", vhost.domain, ": certificate expires in ", ctx->days_to_expiry(), " days");
  SSL_CTX_set_tlsext_servername_callback(ctx->native(), select_vhost_by_sni);
  SSL_CTX_set_tlsext_servername_arg(ctx->native(), const_cast<server_context*>(server));
  return ctx;
}

}  // namespace djabberd
