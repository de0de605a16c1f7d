// RFC 5802 §7 grammar checks for SCRAM client-first and client-final messages.
#include "auth/detail/scram_messages.hpp"

#include <vector>

#include "auth/base64.hpp"
#include "auth/detail/utf8.hpp"

namespace djabberd::auth::detail {

namespace {

constexpr auto malformed = sasl_failure::malformed_request;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto comma = text.find(',', start);
    parts.push_back(text.substr(start, comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// True if `attr` is "<name>=<value>"; stores the value.
bool take(std::string_view attr, char name, std::string_view& value) {
  if (attr.size() < 2 || attr[0] != name || attr[1] != '=') return false;
  value = attr.substr(2);
  return true;
}

// printable = %x21-2B / %x2D-7E (no ','), at least one character.
bool is_nonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7E || c == ',') return false;
  }
  return true;
}

// cb-name = 1*(ALPHA / DIGIT / "." / "-")
bool is_cb_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
  }
  return true;
}

// attr-val = ALPHA "=" value, for optional extensions; the reserved mandatory "m" is refused,
// and so is any attribute SCRAM itself defines (it would be out of order).
bool is_ignorable_extension(std::string_view attr) {
  if (attr.size() < 3 || !is_alpha(attr[0]) || attr[1] != '=') return false;
  constexpr std::string_view defined = "acimnprsv";
  return defined.find(attr[0]) == std::string_view::npos;
}

bool is_clean_text(std::string_view message) {
  return message.find('\0') == std::string_view::npos && is_valid_utf8(message);
}

// Parses "n,", "y," or "p=<cb-name>," then "[a=<authzid>],"; advances `rest` past it.
std::variant<gs2_header, sasl_failure> parse_gs2(std::string_view message, std::string_view& rest) {
  gs2_header header;
  auto first_comma = message.find(',');
  if (first_comma == std::string_view::npos) return malformed;
  std::string_view flag = message.substr(0, first_comma);
  std::string_view cb_name;
  if (flag == "n" || flag == "y") {
    header.flag = flag[0];
  } else if (take(flag, 'p', cb_name) && is_cb_name(cb_name)) {
    header.flag = 'p';
    header.cb_name = std::string(cb_name);
  } else {
    return malformed;
  }
  auto second_comma = message.find(',', first_comma + 1);
  if (second_comma == std::string_view::npos) return malformed;
  std::string_view authzid_attr = message.substr(first_comma + 1, second_comma - first_comma - 1);
  if (!authzid_attr.empty()) {
    std::string_view authzid;
    if (!take(authzid_attr, 'a', authzid)) return malformed;
    auto decoded = decode_saslname(authzid);
    if (!decoded) return malformed;
    header.authzid = std::move(*decoded);
  }
  header.raw = std::string(message.substr(0, second_comma + 1));
  rest = message.substr(second_comma + 1);
  return header;
}

}  // namespace

std::optional<std::string> decode_saslname(std::string_view name) {
  if (name.empty()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == ',' || c == '\0') return std::nullopt;
    if (c != '=') {
      out += c;
      continue;
    }
    std::string_view escape = name.substr(i, 3);
    if (escape == "=2C") {
      out += ',';
    } else if (escape == "=3D") {
      out += '=';
    } else {
      return std::nullopt;
    }
    i += 2;
  }
  return out;
}

std::variant<client_first_message, sasl_failure> parse_client_first(std::string_view message) {
  if (!is_clean_text(message)) return malformed;
  client_first_message result;
  std::string_view bare;
  auto gs2 = parse_gs2(message, bare);
  if (auto* failure = std::get_if<sasl_failure>(&gs2)) return *failure;
  result.gs2 = std::move(std::get<gs2_header>(gs2));
  auto attrs = split_commas(bare);
  std::string_view username, nonce;
  if (attrs.size() < 2 || !take(attrs[0], 'n', username) || !take(attrs[1], 'r', nonce))
    return malformed;  // includes a leading reserved "m=" extension
  auto decoded = decode_saslname(username);
  if (!decoded || !is_nonce(nonce)) return malformed;
  for (std::size_t i = 2; i < attrs.size(); ++i) {
    if (!is_ignorable_extension(attrs[i])) return malformed;
  }
  result.bare = std::string(bare);
  result.username = std::move(*decoded);
  result.nonce = std::string(nonce);
  return result;
}

std::variant<client_final_message, sasl_failure> parse_client_final(std::string_view message) {
  if (!is_clean_text(message)) return malformed;
  auto attrs = split_commas(message);
  std::string_view cb, nonce, proof;
  if (attrs.size() < 3 || !take(attrs[0], 'c', cb) || !take(attrs[1], 'r', nonce) ||
      !take(attrs.back(), 'p', proof) || !is_nonce(nonce))
    return malformed;
  for (std::size_t i = 2; i + 1 < attrs.size(); ++i) {
    if (!is_ignorable_extension(attrs[i])) return malformed;
  }
  auto cb_data = base64_decode(cb);
  auto proof_data = base64_decode(proof);
  if (!cb_data || cb_data->empty() || !proof_data || proof_data->empty()) return malformed;
  client_final_message result;
  result.channel_binding = std::move(*cb_data);
  result.nonce = std::string(nonce);
  result.proof = std::move(*proof_data);
  result.without_proof = std::string(message.substr(0, message.size() - attrs.back().size() - 1));
  return result;
}

}  // namespace djabberd::auth::detail
