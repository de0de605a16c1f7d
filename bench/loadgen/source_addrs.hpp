// Parses --source-ips lists of local IPv4 addresses and ranges.
#pragma once

#include <netinet/in.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::loadgen {

/// At most this many source addresses (a /16 worth).
inline constexpr std::size_t max_source_addrs = 65536;

/// Parses "A-B[,C[-D]]..." (IPv4, ranges inclusive) into `out`. Returns an error text on bad input.
std::optional<std::string> parse_source_ips(std::string_view text, std::vector<in_addr>& out);

}  // namespace djabberd::loadgen
