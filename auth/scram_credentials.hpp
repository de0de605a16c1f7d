// SCRAM credentials (RFC 5802 §3): what the server stores instead of a password.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "auth/crypto.hpp"

namespace djabberd::auth {

/// The iteration count for newly made credentials.
inline constexpr std::uint32_t default_scram_iterations = 4096;

/// The salt length in bytes for newly made credentials.
inline constexpr std::size_t default_scram_salt_size = 16;

/// Stored SCRAM credentials; all byte strings are raw (not base64).
struct scram_credentials {
  hash_algo algo = hash_algo::sha256;
  std::string salt;
  std::uint32_t iterations = default_scram_iterations;
  std::string stored_key;  ///< H(HMAC(SaltedPassword, "Client Key"))
  std::string server_key;  ///< HMAC(SaltedPassword, "Server Key")

  friend bool operator==(const scram_credentials&, const scram_credentials&) = default;
};

/// Derives credentials from `password` (SASLprep'd first). Throws std::invalid_argument if
/// SASLprep rejects the password or `iterations` is 0.
scram_credentials make_scram_credentials(hash_algo algo, std::string_view password,
                                         std::string_view salt, std::uint32_t iterations);

/// Same with a fresh random salt of default_scram_salt_size bytes and
/// default_scram_iterations iterations.
scram_credentials make_scram_credentials(hash_algo algo, std::string_view password);

/// True if `password` (SASLprep'd) yields creds.stored_key; for SASL PLAIN against stored keys.
/// Compares in constant time; false if SASLprep rejects the password.
bool verify_password(const scram_credentials& creds, std::string_view password);

}  // namespace djabberd::auth
