// Strict standard base64 (RFC 4648 §4, with padding) as used by SASL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace djabberd::auth {

/// Encodes `data` with padding.
std::string base64_encode(std::string_view data);

/// Decodes padded base64; nullopt on whitespace, characters outside the alphabet, a length that
/// is not a multiple of 4, misplaced padding or non-zero padding bits. "" decodes to "".
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace djabberd::auth
