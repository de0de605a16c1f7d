// The client TLS context (no certificate verification) and per-connection SSL objects.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace djabberd::loadgen {

struct SslCtxFree {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;

/// TLS 1.2+, no verification (benchmark servers use self-signed certificates), no session
/// resumption (every login does a full handshake), small buffers. ALPN "xmpp-client" when
/// `direct_tls` (XEP-0368). Nothing if OpenSSL fails.
SslCtxPtr make_client_tls(bool direct_tls);

/// A client SSL on the connected non-blocking socket `fd`, SNI = `domain`; nullptr on failure.
SSL* new_client_ssl(SSL_CTX* ctx, int fd, const std::string& domain);

/// OpenSSL's reason for the last error on this thread ("unexpected eof while reading"), or
/// `fallback`. Clears the error queue.
std::string tls_error_reason(const char* fallback);

}  // namespace djabberd::loadgen
