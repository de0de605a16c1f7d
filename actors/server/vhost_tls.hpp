// Loading a vhost's TLS context (its certificate, or the generated self-signed one) with SNI.
#pragma once

#include "actors/server/server_context.hpp"
#include "config/config.hpp"

namespace djabberd {

/// Loads the certificate and key of `vhost` (a self-signed one from <data_dir>/certs when none is
/// configured), logs its fingerprint and expiry and installs the SNI callback that switches a
/// direct-TLS connection to the vhost the client names in `server`. Throws std::runtime_error.
tls::context_ptr make_vhost_tls(const config::server_config& cfg, const config::vhost_config& vhost,
                                const server_context* server);

}  // namespace djabberd
