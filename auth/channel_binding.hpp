// Channel binding data of a TLS connection, for SCRAM-*-PLUS (RFC 5929, RFC 9266).
#pragma once

#include <string>
#include <vector>

namespace djabberd::auth {

/// One channel binding of the current connection, e.g. {"tls-exporter", <32 bytes>} or
/// {"tls-server-end-point", <certificate hash>}; `data` is raw bytes.
struct channel_binding {
  std::string type;
  std::string data;
};

/// The channel bindings this connection offers; empty when there is no TLS (then no -PLUS
/// mechanism is advertised).
struct channel_binding_support {
  std::vector<channel_binding> available;
};

}  // namespace djabberd::auth
