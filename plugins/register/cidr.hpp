// Address ranges in CIDR notation ("10.0.0.0/8", "::1/128", "192.0.2.7"), IPv4 and IPv6.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace djabberd::plugins::register_ {

/// One range. IPv4 ranges also match IPv4-mapped IPv6 addresses (::ffff:a.b.c.d), the form a
/// dual-stack listener reports IPv4 clients in.
class cidr {
 public:
  /// Parses "address" or "address/prefix"; nullopt if either part is invalid.
  static std::optional<cidr> parse(std::string_view text);

  /// Whether the textual address `ip` lies in the range (false if it is not an address).
  bool contains(std::string_view ip) const;

 private:
  std::array<std::uint8_t, 16> bytes_{};  ///< IPv4 in the first 4 bytes
  int prefix_ = 0;
  bool v4_ = false;
};

}  // namespace djabberd::plugins::register_
