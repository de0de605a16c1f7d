// The ejabberd extauth wire format: 2-byte big-endian length + text requests, 4-byte replies.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace djabberd::plugins::auth_extauth {

/// The longest request text the 2-byte length prefix can carry.
inline constexpr std::size_t max_request_size = 0xFFFF;

/// The size of every reply: 2-byte length (always 2) + 2-byte result.
inline constexpr std::size_t reply_size = 4;

/// The request text `auth:User:Server:Password` (the password may itself contain ':').
std::string auth_request(std::string_view user, std::string_view server, std::string_view password);

/// The request text `isuser:User:Server`.
std::string isuser_request(std::string_view user, std::string_view server);

/// Prefixes `text` with its 2-byte big-endian length; nullopt if it is longer than
/// max_request_size.
std::optional<std::string> encode_frame(std::string_view text);

/// The result of a 4-byte reply: true for 1, false for 0; nullopt if the length field is not 2
/// or the result is neither 0 nor 1 (a malformed reply).
std::optional<bool> decode_reply(const std::array<unsigned char, reply_size>& reply);

}  // namespace djabberd::plugins::auth_extauth
