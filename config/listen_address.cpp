// Parsing and printing of listen_address values.
#include "config/listen_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace djabberd::config {

namespace {

bool is_ipv4(const std::string& host) {
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1;
}

bool is_ipv6(const std::string& host) {
  in6_addr addr{};
  return inet_pton(AF_INET6, host.c_str(), &addr) == 1;
}

// A DNS name: dot-separated labels of letters, digits and inner hyphens.
bool is_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < host.size(); ++i) {
    char c = host[i];
    if (c == '.') {
      if (label == 0 || host[i - 1] == '-') return false;
      label = 0;
      continue;
    }
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && !(c == '-' && label > 0)) return false;
    if (++label > 63) return false;
  }
  if (label == 0 || host.back() == '-') return false;
  // A numeric top label means a mistyped IPv4 address, not a name.
  auto top = host.substr(host.rfind('.') == std::string_view::npos ? 0 : host.rfind('.') + 1);
  return top.find_first_not_of("0123456789") != std::string_view::npos;
}

std::optional<listen_address> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::string listen_address::str() const {
  std::string port_text = std::to_string(port);
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + port_text;
  return host + ":" + port_text;
}

std::optional<listen_address> parse_listen_address(std::string_view text, std::string* error) {
  std::string quoted = "'" + std::string(text) + "'";
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return fail(error, "invalid listen address " + quoted + ": expected [IPV6]:PORT");
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
    if (!is_ipv6(host))
      return fail(error, "invalid listen address " + quoted + ": bad IPv6 address");
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
      return fail(error, "invalid listen address " + quoted + ": expected HOST:PORT");
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string::npos)
      return fail(error, "invalid listen address " + quoted + ": put IPv6 addresses in brackets");
    if (!is_ipv4(host) && !is_host_name(host))
      return fail(error, "invalid listen address " + quoted + ": bad host");
  }
  unsigned long port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size())
    return fail(error, "invalid listen address " + quoted + ": bad port");
  if (port > 65535)
    return fail(error, "invalid listen address " + quoted + ": port must be 0..65535");
  return listen_address{std::move(host), static_cast<std::uint16_t>(port)};
}

}  // namespace djabberd::config
