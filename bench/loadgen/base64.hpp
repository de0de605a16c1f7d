// Base64 encoding and decoding (RFC 4648, with padding) for SASL payloads.
#pragma once

#include <string>
#include <string_view>

namespace djabberd::loadgen {

std::string base64_encode(std::string_view data);

/// Decodes `text` into `out`; false if it is not valid padded base64. "=" decodes to empty.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace djabberd::loadgen
