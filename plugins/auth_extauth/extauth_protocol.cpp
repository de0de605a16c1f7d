// Encoding of extauth requests and decoding of their replies.
#include "plugins/auth_extauth/extauth_protocol.hpp"

namespace djabberd::plugins::auth_extauth {

std::string auth_request(std::string_view user, std::string_view server,
                         std::string_view password) {
  std::string text = "auth:";
  text.append(user).append(":").append(server).append(":").append(password);
  return text;
}

std::string isuser_request(std::string_view user, std::string_view server) {
  std::string text = "isuser:";
  text.append(user).append(":").append(server);
  return text;
}

std::optional<std::string> encode_frame(std::string_view text) {
  if (text.size() > max_request_size) return std::nullopt;
  std::string frame;
  frame.reserve(text.size() + 2);
  frame.push_back(static_cast<char>((text.size() >> 8) & 0xFF));
  frame.push_back(static_cast<char>(text.size() & 0xFF));
  frame.append(text);
  return frame;
}

std::optional<bool> decode_reply(const std::array<unsigned char, reply_size>& reply) {
  const unsigned length = (unsigned{reply[0]} << 8) | reply[1];
  const unsigned result = (unsigned{reply[2]} << 8) | reply[3];
  if (length != 2 || result > 1) return std::nullopt;
  return result == 1;
}

}  // namespace djabberd::plugins::auth_extauth
