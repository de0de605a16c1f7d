// Incremental UTF-8 validation following the well-formed byte sequence table of RFC 3629.
#include "stanza/utf8.hpp"

namespace djabberd::xml {

std::size_t utf8_validator::feed(std::string_view chunk) {
  if (invalid_) return 0;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    auto b = static_cast<std::uint8_t>(chunk[i]);
    if (need_ > 0) {
      if (b < lo_ || b > hi_) {
        invalid_ = true;
        prefix_ = have_;
        return i;
      }
      ++have_;
      --need_;
      lo_ = 0x80;
      hi_ = 0xBF;
      continue;
    }
    if (b < 0x80) continue;
    have_ = 1;
    if (b >= 0xC2 && b <= 0xDF) {
      need_ = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need_ = 2;
      if (b == 0xE0) lo_ = 0xA0;  // no overlong three-byte forms
      if (b == 0xED) hi_ = 0x9F;  // no UTF-16 surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      need_ = 3;
      if (b == 0xF0) lo_ = 0x90;  // no overlong four-byte forms
      if (b == 0xF4) hi_ = 0x8F;  // nothing above U+10FFFF
    } else {
      invalid_ = true;  // continuation byte without a lead byte, C0, C1 or F5..FF
      return i;
    }
  }
  return npos;
}

bool is_valid_utf8(std::string_view s) {
  utf8_validator v;
  return v.feed(s) == utf8_validator::npos && v.complete();
}

}  // namespace djabberd::xml
