// Syntax-level parsing of SCRAM client messages (RFC 5802 §7), without any cryptography.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "auth/sasl_failure.hpp"

namespace djabberd::auth::detail {

/// The GS2 header of a client-first message.
struct gs2_header {
  char flag = 'n';      ///< 'n', 'y' or 'p'
  std::string cb_name;  ///< for 'p'
  std::string authzid;  ///< decoded; empty if absent
  std::string raw;      ///< the header as sent, including its final ','
};

/// A syntactically valid client-first message.
struct client_first_message {
  gs2_header gs2;
  std::string bare;      ///< client-first-message-bare as sent
  std::string username;  ///< decoded (=2C and =3D), not yet SASLprep'd
  std::string nonce;     ///< the client nonce
};

/// A syntactically valid client-final message.
struct client_final_message {
  std::string channel_binding;  ///< decoded c= value
  std::string nonce;            ///< r= value
  std::string proof;            ///< decoded p= value
  std::string without_proof;    ///< client-final-message-without-proof as sent
};

/// Decodes a saslname ("=2C" -> ',', "=3D" -> '='); nullopt for any other '=' sequence, ',',
/// NUL or an empty name.
std::optional<std::string> decode_saslname(std::string_view name);

/// Parses a client-first message; malformed_request on any syntax violation.
std::variant<client_first_message, sasl_failure> parse_client_first(std::string_view message);

/// Parses a client-final message; malformed_request on any syntax violation.
std::variant<client_final_message, sasl_failure> parse_client_final(std::string_view message);

}  // namespace djabberd::auth::detail
