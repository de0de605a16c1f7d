// Expands --source-ips ("127.0.0.2-127.0.0.200,127.1.0.1") into a list of IPv4 addresses.
#include "bench/loadgen/source_addrs.hpp"

#include <arpa/inet.h>

#include <cstdint>

namespace djabberd::loadgen {

namespace {

bool parse_ipv4(std::string_view text, std::uint32_t& host_order) {
  std::string copy{text};
  in_addr addr{};
  if (inet_pton(AF_INET, copy.c_str(), &addr) != 1) return false;
  host_order = ntohl(addr.s_addr);
  return true;
}

}  // namespace

std::optional<std::string> parse_source_ips(std::string_view text, std::vector<in_addr>& out) {
  out.clear();
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const std::size_t dash = item.find('-');
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    if (!parse_ipv4(item.substr(0, dash), first)) {
      return "bad IPv4 address in --source-ips: '" + std::string{item} + "'";
    }
    last = first;
    if (dash != std::string_view::npos && !parse_ipv4(item.substr(dash + 1), last)) {
      return "bad IPv4 address in --source-ips: '" + std::string{item} + "'";
    }
    if (last < first) return "empty range in --source-ips: '" + std::string{item} + "'";
    if (last - first >= max_source_addrs || out.size() + (last - first) >= max_source_addrs) {
      return "--source-ips lists more than " + std::to_string(max_source_addrs) + " addresses";
    }
    for (std::uint64_t a = first; a <= last; ++a) {
      in_addr addr{};
      addr.s_addr = htonl(static_cast<std::uint32_t>(a));
      out.push_back(addr);
    }
  }
  if (out.empty()) return std::string{"--source-ips lists no address"};
  return std::nullopt;
}

}  // namespace djabberd::loadgen
