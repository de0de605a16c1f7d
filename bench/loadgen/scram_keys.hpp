// SCRAM-SHA-256 client keys per (salt, iterations), cached: all users share one password.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace djabberd::loadgen {

using Digest = std::array<unsigned char, 32>;

struct ScramKeys {
  Digest client_key;
  Digest stored_key;
  Digest server_key;
};

/// Derives SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, i) and the keys from it, once per
/// distinct (salt, iterations): servers that give every account its own salt still cost one
/// PBKDF2 per user, but logging the same user in again is free.
class ScramKeyCache {
 public:
  explicit ScramKeyCache(std::string password, std::size_t max_entries = 1u << 20)
      : password_(std::move(password)), max_entries_(max_entries) {}

  ScramKeys get(std::string_view salt, std::uint32_t iterations);

  std::uint64_t computed() const { return computed_; }
  std::uint64_t hits() const { return hits_; }

 private:
  std::string password_;
  std::size_t max_entries_;
  std::unordered_map<std::string, ScramKeys> cache_;
  std::uint64_t computed_ = 0;
  std::uint64_t hits_ = 0;
};

/// HMAC-SHA-256(key, data).
Digest hmac_sha256(const Digest& key, std::string_view data);

}  // namespace djabberd::loadgen
