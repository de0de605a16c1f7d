// Hash, HMAC, PBKDF2, randomness, constant-time comparison and SASLprep for SASL mechanisms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace djabberd::auth {

/// The hash functions SCRAM is offered with.
enum class hash_algo { sha1, sha256 };

/// "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256" or "SCRAM-SHA-256-PLUS".
std::string_view mechanism_name(hash_algo algo, bool plus);

/// The digest size in bytes: 20 for SHA-1, 32 for SHA-256.
std::size_t digest_size(hash_algo algo);

/// HMAC(key, data), raw bytes.
std::string hmac(hash_algo algo, std::string_view key, std::string_view data);

/// H(data), raw bytes.
std::string hash(hash_algo algo, std::string_view data);

/// PBKDF2-HMAC (RFC 8018) with an output of digest_size(algo) bytes. Throws
/// std::invalid_argument for 0 iterations or inputs too large for OpenSSL.
std::string pbkdf2(hash_algo algo, std::string_view password, std::string_view salt,
                   std::uint32_t iterations);

/// Compares without data-dependent timing; different lengths give false (the length itself is
/// not secret).
bool constant_time_equal(std::string_view a, std::string_view b);

/// `count` cryptographically secure random bytes; throws std::runtime_error if OpenSSL fails.
std::string random_bytes(std::size_t count);

/// SASLprep (RFC 4013) of UTF-8 `text`; nullopt for invalid UTF-8, NUL bytes, prohibited
/// characters or bidi violations. Unassigned code points are rejected unless
/// `allow_unassigned` is set (RFC 4013 "queries"); stored strings must keep the default.
std::optional<std::string> saslprep(std::string_view text, bool allow_unassigned = false);

}  // namespace djabberd::auth
