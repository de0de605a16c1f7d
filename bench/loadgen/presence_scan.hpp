// Finds the available presences a fan-out client received and who sent them.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace djabberd::loadgen {

/// What the complete <presence/> stanzas in a buffer were.
struct ScannedPresences {
  std::vector<std::string_view> available_from;  ///< `from` of each available presence
  /// The type of each other presence (unavailable, subscribe, error...); "" for an available
  /// one without a from.
  std::vector<std::string_view> other_types;
};

/// Fills `out` (cleared first) from every complete <presence/> in `buf`: an available
/// presence is one without a type attribute (RFC 6121 4.7.1). Returns how many bytes at the
/// front of `buf` the caller may drop: everything up to an incomplete <presence, or all but a
/// 512-byte tail (a stream error split across reads stays recognisable). The views point into
/// `buf`.
std::size_t scan_presences(std::string_view buf, ScannedPresences& out);

}  // namespace djabberd::loadgen
