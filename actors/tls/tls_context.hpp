// Server TLS contexts: one per vhost, with the security defaults of the best XMPP servers.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

using SSL_CTX = struct ssl_ctx_st;

namespace djabberd::tls {

/// An OpenSSL server context for one domain plus what SASL channel binding needs from it.
class context {
 public:
  /// Loads `cert_file`/`key_file` (PEM). Throws std::runtime_error naming the file on failure.
  context(const std::filesystem::path& cert_file, const std::filesystem::path& key_file);
  ~context();
  context(const context&) = delete;
  context& operator=(const context&) = delete;

  SSL_CTX* native() const { return ctx_; }

  /// RFC 5929 tls-server-end-point data: the certificate's hash (SHA-256 for MD5/SHA-1 signed).
  const std::string& server_end_point() const { return end_point_; }

  /// SHA-256 fingerprint of the certificate, "AB:CD:..." (logged at start-up).
  const std::string& fingerprint() const { return fingerprint_; }

  /// Days until the certificate expires (negative if expired).
  int days_to_expiry() const { return days_to_expiry_; }

 private:
  SSL_CTX* ctx_ = nullptr;
  std::string end_point_;
  std::string fingerprint_;
  int days_to_expiry_ = 0;
};

using context_ptr = std::shared_ptr<const context>;

/// Generates a self-signed P-256 certificate for `domain` into `dir` unless one is already there.
/// Returns {cert path, key path}. Throws std::runtime_error on failure.
std::pair<std::filesystem::path, std::filesystem::path> ensure_self_signed(
    const std::filesystem::path& dir, const std::string& domain);

}  // namespace djabberd::tls
