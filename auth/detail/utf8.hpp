// Strict UTF-8 validation shared by the SASL parsers.
#pragma once

#include <string_view>

namespace djabberd::auth::detail {

/// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF). NUL bytes are allowed here; callers that forbid them check separately.
bool is_valid_utf8(std::string_view text);

}  // namespace djabberd::auth::detail
