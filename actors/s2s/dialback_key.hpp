// XEP-0185 dialback keys.
#pragma once

#include <string>
#include <string_view>

namespace djabberd::s2s {

/// HMAC-SHA256 keyed with the lowercase hex SHA-256 of `secret`, over
/// "<receiving> <originating> <stream_id>", as lowercase hex (XEP-0185 §2).
std::string dialback_key(std::string_view secret, std::string_view receiving,
                         std::string_view originating, std::string_view stream_id);

}  // namespace djabberd::s2s
