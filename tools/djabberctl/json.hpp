// The few JSON helpers djabberctl's --json output needs.
#pragma once

#include <string>
#include <string_view>

namespace djabberd::ctl {

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline bool is_number(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

/// A number as a JSON number, anything else as a string.
inline std::string json_value(std::string_view s) {
  return is_number(s) ? std::string(s) : json_string(s);
}

/// An object member: `name` as a JSON string, then ": " and `json` (already JSON text).
inline std::string json_member(std::string_view name, std::string_view json) {
  return json_string(name) + ": " + std::string(json);
}

}  // namespace djabberd::ctl
