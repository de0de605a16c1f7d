// Finds the <message/> stanzas a messaging client received: error or not, and their timestamp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace djabberd::loadgen {

struct ReceivedMessage {
  bool error = false;                     ///< type='error' (a bounce)
  std::string_view condition;             ///< the error's condition, pointing into the buffer
  std::optional<std::uint64_t> stamp_ns;  ///< the sender's clock from the body, if it parses
};

/// Appends every complete <message/> in `buf` to `out` (cleared first) and returns how many
/// bytes at the front of `buf` the caller may drop: everything up to an incomplete <message,
/// or all but a 512-byte tail (a stream error split across reads stays recognisable).
std::size_t scan_messages(std::string_view buf, std::vector<ReceivedMessage>& out);

/// The decimal number in the <body/> of `message`, if there is one and it is all digits.
std::optional<std::uint64_t> body_stamp(std::string_view message);

}  // namespace djabberd::loadgen
