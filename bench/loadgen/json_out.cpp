// JSON string escaping, numbers, latency summaries and count tables (hand-written, no library).
#include "bench/loadgen/json_out.hpp"

#include <cstdio>

namespace djabberd::loadgen::json {

void string(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void number(std::string& out, double value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", value);
  out += buf;
}

void summary(std::string& out, const Summary& s) {
  out += "{\"n\": " + std::to_string(s.n) + ", \"p50\": ";
  number(out, s.p50);
  out += ", \"p90\": ";
  number(out, s.p90);
  out += ", \"p99\": ";
  number(out, s.p99);
  out += ", \"max\": ";
  number(out, s.max);
  out += ", \"mean\": ";
  number(out, s.mean);
  out += "}";
}

void counts(std::string& out, const std::map<std::string, std::uint64_t>& counts) {
  out += "{";
  bool first = true;
  for (const auto& [reason, n] : counts) {
    out += first ? "" : ", ";
    first = false;
    string(out, reason);
    out += ": " + std::to_string(n);
  }
  out += "}";
}

}  // namespace djabberd::loadgen::json
