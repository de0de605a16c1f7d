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

  /// Cache entries, by salt followed by the 4 bytes of the iteration count (for saving them).
  const std::unordered_map<std::string, ScramKeys>& entries() const { return cache_; }
  /// Adds a saved entry (scram_cache_file.hpp).
  void insert(std::string id, const ScramKeys& keys) {
    if (cache_.emplace(std::move(id), keys).second) ++loaded_;
  }
  std::uint64_t loaded() const { return loaded_; }
  const std::string& password() const { return password_; }

 private:
  std::string password_;
  std::size_t max_entries_;
  std::unordered_map<std::string, ScramKeys> cache_;
  std::uint64_t computed_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t loaded_ = 0;
};

/// HMAC-SHA-256(key, data).
Digest hmac_sha256(const Digest& key, std::string_view data);

}  // namespace djabberd::loadgen
