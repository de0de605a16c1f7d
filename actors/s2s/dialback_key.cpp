// XEP-0185: key = HMAC-SHA256(hex(SHA256(secret)), receiving + ' ' + originating + ' ' + id).
#include "actors/s2s/dialback_key.hpp"

#include "auth/crypto.hpp"

namespace djabberd::s2s {

namespace {

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

}  // namespace

std::string dialback_key(std::string_view secret, std::string_view receiving,
                         std::string_view originating, std::string_view stream_id) {
  std::string key = hex(auth::hash(auth::hash_algo::sha256, secret));
  std::string data;
  data.append(receiving).append(" ").append(originating).append(" ").append(stream_id);
  return hex(auth::hmac(auth::hash_algo::sha256, key, data));
}

}  // namespace djabberd::s2s
