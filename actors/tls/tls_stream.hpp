// One TLS session over memory BIOs: ciphertext in and out, plaintext in and out. Server side for
// c2s and inbound s2s, client side (with SNI) for outbound s2s.
#pragma once

#include <cstddef>
#include <string>

using SSL = struct ssl_st;
using BIO = struct bio_st;
using SSL_CTX = struct ssl_ctx_st;
using X509 = struct x509_st;
using X509_STORE = struct x509_store_st;

namespace djabberd::tls {

/// Drives OpenSSL "unplugged": the owner moves bytes between it and the socket. Not thread-safe;
/// owned by one actor.
class stream {
 public:
  /// A server-side session.
  explicit stream(SSL_CTX* ctx);
  /// A client-side session asking for `server_name` (SNI). The ClientHello is produced by the
  /// first receive() (call it with no data) and drain().
  stream(SSL_CTX* ctx, const std::string& server_name);
  ~stream();
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  enum class status { ok, closed, failed };  ///< closed: the peer sent close_notify

  /// Feeds bytes from the socket and appends any decrypted plaintext to `plaintext`.
  /// Also advances the handshake. Returns failed on a fatal TLS error (see error()).
  status receive(const char* data, std::size_t len, std::string& plaintext);

  /// Encrypts `plaintext` (only after the handshake; before that it is queued by OpenSSL).
  status send(const char* data, std::size_t len);

  /// Moves the ciphertext waiting for the socket into `out` (appends).
  void drain(std::string& out);

  bool handshake_done() const { return handshake_done_; }

  /// "TLSv1.3" etc., and the cipher name, once the handshake is done.
  std::string version() const;
  std::string cipher() const;
  bool is_tls13() const;

  /// RFC 9266 tls-exporter channel binding data (TLS 1.3 only; empty otherwise).
  std::string exporter_binding() const;

  /// The SNI name the client asked for, if any.
  std::string server_name() const;

  /// Asks the peer for a certificate (server side: a client certificate) and checks its chain
  /// against `store` without failing the handshake: the verdict is read afterwards with
  /// chain_verified(). Call before the handshake starts.
  void request_peer_certificate(X509_STORE* store);

  /// The peer's leaf certificate (owned by the session), or nullptr.
  X509* peer_certificate() const;

  /// True if the peer sent a certificate whose chain verified against the store (PKIX).
  bool chain_verified() const;

  /// OpenSSL's verification error text for the peer certificate ("ok" when it verified).
  std::string verify_error() const;

  /// The last fatal error, for logs.
  const std::string& error() const { return error_; }

  /// Sends a close_notify alert (drain() afterwards).
  void shutdown();

 private:
  SSL* ssl_ = nullptr;
  BIO* in_ = nullptr;
  BIO* out_ = nullptr;
  bool handshake_done_ = false;
  std::string error_;
};

}  // namespace djabberd::tls
