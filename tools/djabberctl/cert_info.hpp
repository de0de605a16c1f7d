// What djabberctl cert-check reports about one vhost's certificate (read with OpenSSL).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace djabberd::ctl {

/// One vhost's certificate as djabberd would load it.
struct cert_info {
  std::string domain;
  std::filesystem::path cert_file;  ///< tls_cert, or <data_dir>/certs/DOMAIN.crt
  std::filesystem::path key_file;
  bool generated = false;  ///< the self-signed certificate djabberd generates (tls_cert empty)
  bool loaded = false;     ///< the file was read and holds a certificate
  std::string subject;     ///< e.g. "CN=example.org"
  std::vector<std::string> dns_names;  ///< subjectAltName DNS entries
  std::string not_after;               ///< "2027-01-31T12:00:00Z"
  int days_left = 0;                   ///< negative once expired
  bool self_signed = false;
  std::vector<std::string> problems;  ///< empty when the certificate can serve the vhost
  /// The problem that stops djabberd from starting (unreadable certificate or key, or a key that
  /// does not match); empty otherwise.
  std::string load_error;
};

/// Reads the certificate (first of the chain file) and key of `vhost` and checks that they match,
/// that it has not expired and that it names the vhost's domain. A generated certificate that
/// does not exist yet (before the first start) is no problem: `loaded` stays false.
cert_info inspect_certificate(const config::server_config& server,
                              const config::vhost_config& vhost);

}  // namespace djabberd::ctl
