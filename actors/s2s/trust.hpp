// TLS material of federation: the trust store for peer certificates and, per local domain, a
// client context presenting that domain's certificate on outbound streams.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"

using SSL_CTX = struct ssl_ctx_st;
using X509_STORE = struct x509_store_st;

namespace djabberd::s2s {

class trust {
 public:
  /// Loads [s2s] ca_file / ca_dir (the system's default paths when both are empty) and a client
  /// context per vhost with its certificate (the self-signed one in <data_dir>/certs when none is
  /// configured). Start-up only (reads files). Throws std::runtime_error naming the file.
  explicit trust(const config::server_config& config);
  ~trust();
  trust(const trust&) = delete;
  trust& operator=(const trust&) = delete;

  X509_STORE* store() const { return store_; }
  /// The client context for streams from `local_domain`, or nullptr for an unknown domain.
  SSL_CTX* client_context(const std::string& local_domain) const;

 private:
  X509_STORE* store_ = nullptr;
  std::map<std::string, SSL_CTX*> clients_;
};

using trust_ptr = std::shared_ptr<const trust>;

}  // namespace djabberd::s2s
