// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace djabberd::xml {

/// Incremental UTF-8 validator for input that arrives in chunks split at arbitrary bytes.
class utf8_validator {
 public:
  /// Checks the next chunk. Returns the index within `chunk` of the first byte at which the input
  /// became invalid, or npos if everything so far is valid (a sequence may still be incomplete).
  /// Once invalid, the validator stays invalid and returns 0 for every further chunk.
  std::size_t feed(std::string_view chunk);
  /// True when no multi-byte sequence is left incomplete at the end of the input fed so far.
  bool complete() const { return need_ == 0 && !invalid_; }
  /// True once invalid input has been seen.
  bool invalid() const { return invalid_; }
  /// Once invalid: how many bytes of the malformed sequence preceded the byte reported by feed()
  /// (0 if that byte itself cannot start a sequence), so the sequence starts that many bytes
  /// earlier, possibly in an earlier chunk.
  std::size_t bad_sequence_prefix() const { return prefix_; }
  /// Forgets everything fed so far.
  void reset() { *this = utf8_validator{}; }

  /// Returned by feed() when no invalid byte was found.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  std::uint8_t need_ = 0;    // continuation bytes still expected
  std::uint8_t have_ = 0;    // bytes of the current sequence seen so far
  std::uint8_t prefix_ = 0;  // see bad_sequence_prefix()
  std::uint8_t lo_ = 0x80;   // allowed range of the next continuation byte
  std::uint8_t hi_ = 0xBF;
  bool invalid_ = false;
};

/// True if `s` is entirely valid, complete UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace djabberd::xml
