// RFC 4616 PLAIN message parsing.
#include "auth/sasl_plain.hpp"

#include "auth/detail/utf8.hpp"

namespace djabberd::auth {

std::optional<plain_message> parse_plain(std::string_view decoded) {
  constexpr std::size_t max_field = 255;
  auto first = decoded.find('\0');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = decoded.find('\0', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (decoded.find('\0', second + 1) != std::string_view::npos) return std::nullopt;
  if (!detail::is_valid_utf8(decoded)) return std::nullopt;
  plain_message message{std::string(decoded.substr(0, first)),
                        std::string(decoded.substr(first + 1, second - first - 1)),
                        std::string(decoded.substr(second + 1))};
  if (message.authcid.empty() || message.password.empty()) return std::nullopt;
  if (message.authzid.size() > max_field || message.authcid.size() > max_field ||
      message.password.size() > max_field)
    return std::nullopt;
  return message;
}

}  // namespace djabberd::auth
