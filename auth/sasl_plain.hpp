// Parsing of SASL PLAIN messages (RFC 4616).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace djabberd::auth {

/// The three fields of a PLAIN message; authzid may be empty.
struct plain_message {
  std::string authzid;
  std::string authcid;
  std::string password;
};

/// Parses the base64-decoded PLAIN message "[authzid] NUL authcid NUL passwd". nullopt unless
/// there are exactly two NULs, authcid and password are non-empty, every field is at most 255
/// bytes and the whole message is valid UTF-8.
std::optional<plain_message> parse_plain(std::string_view decoded);

}  // namespace djabberd::auth
