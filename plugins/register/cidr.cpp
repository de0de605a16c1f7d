// CIDR parsing and matching with inet_pton.
#include "plugins/register/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <string>

namespace djabberd::plugins::register_ {

namespace {

struct address {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

std::optional<address> parse_address(std::string_view text) {
  std::string s(text);
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  address a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    a.v4 = true;
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
  // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket.
  static constexpr std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a.bytes.data(), mapped, sizeof mapped) == 0) {
    std::memmove(a.bytes.data(), a.bytes.data() + 12, 4);
    std::memset(a.bytes.data() + 4, 0, 12);
    a.v4 = true;
  }
  return a;
}

}  // namespace

std::optional<cidr> cidr::parse(std::string_view text) {
  auto slash = text.find('/');
  auto addr = parse_address(text.substr(0, slash));
  if (!addr) return std::nullopt;
  cidr c;
  c.bytes_ = addr->bytes;
  c.v4_ = addr->v4;
  int max = c.v4_ ? 32 : 128;
  c.prefix_ = max;
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), c.prefix_);
    if (ec != std::errc{} || end != digits.data() + digits.size() || c.prefix_ < 0 ||
        c.prefix_ > max)
      return std::nullopt;
  }
  return c;
}

bool cidr::contains(std::string_view ip) const {
  auto addr = parse_address(ip);
  if (!addr || addr->v4 != v4_) return false;
  int full = prefix_ / 8, rest = prefix_ % 8;
  if (std::memcmp(addr->bytes.data(), bytes_.data(), static_cast<std::size_t>(full)) != 0)
    return false;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (addr->bytes[full] & mask) == (bytes_[full] & mask);
}

}  // namespace djabberd::plugins::register_
