// PBKDF2 and HMAC for SCRAM-SHA-256, with the per-(salt, iterations) key cache.
#include "bench/loadgen/scram_keys.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace djabberd::loadgen {

Digest hmac_sha256(const Digest& key, std::string_view data) {
  Digest out{};
  unsigned int size = static_cast<unsigned int>(out.size());
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &size);
  return out;
}

ScramKeys ScramKeyCache::get(std::string_view salt, std::uint32_t iterations) {
  std::string id{salt};
  id.append(reinterpret_cast<const char*>(&iterations), sizeof(iterations));
  if (auto it = cache_.find(id); it != cache_.end()) {
    ++hits_;
    return it->second;
  }
  ++computed_;
  Digest salted{};
  PKCS5_PBKDF2_HMAC(password_.data(), static_cast<int>(password_.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                    static_cast<int>(salted.size()), salted.data());
  ScramKeys keys{};
  keys.client_key = hmac_sha256(salted, "Client Key");
  keys.server_key = hmac_sha256(salted, "Server Key");
  SHA256(keys.client_key.data(), keys.client_key.size(), keys.stored_key.data());
  if (cache_.size() < max_entries_) cache_.emplace(std::move(id), keys);
  return keys;
}

}  // namespace djabberd::loadgen
