// A host:port pair a listener binds to, parsed from strings such as "[::1]:5222".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace djabberd::config {

/// An address to listen on. `host` is an IPv4 address, an IPv6 address (without brackets) or a
/// host name.
struct listen_address {
  std::string host;
  std::uint16_t port = 0;

  /// "127.0.0.1:5222", "[::1]:5222", "0.0.0.0:5222".
  std::string str() const;

  friend bool operator==(const listen_address&, const listen_address&) = default;
};

/// Parses "HOST:PORT" or "[IPV6]:PORT"; the port must be 0..65535 (0 = the kernel picks one). On
/// failure returns nullopt and, if `error` is given, stores a description of the problem there.
std::optional<listen_address> parse_listen_address(std::string_view text,
                                                   std::string* error = nullptr);

}  // namespace djabberd::config
