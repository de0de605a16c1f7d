// The bytes that refuse a connection before any session exists (limits hit at accept).
#pragma once

#include <string>
#include <string_view>

#include "stanza/stream_error.hpp"

namespace djabberd::c2s {

/// A complete stream: header from `domain`, <stream:error> with `condition` and `text`, and the
/// closing tag (RFC 6120 §4.9.1.1: an error before the client's header is still sent in a stream).
std::string refusal(std::string_view domain, xml::stream_error condition, std::string_view text);

}  // namespace djabberd::c2s
