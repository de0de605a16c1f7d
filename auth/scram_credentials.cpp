// Derivation and checking of SCRAM credentials from passwords.
#include "auth/scram_credentials.hpp"

#include <stdexcept>

namespace djabberd::auth {

namespace {

// SaltedPassword for an already SASLprep'd password.
std::string salted_password(hash_algo algo, std::string_view prepared, std::string_view salt,
                            std::uint32_t iterations) {
  return pbkdf2(algo, prepared, salt, iterations);
}

std::string stored_key_of(hash_algo algo, std::string_view salted) {
  return hash(algo, hmac(algo, salted, "Client Key"));
}

}  // namespace

scram_credentials make_scram_credentials(hash_algo algo, std::string_view password,
                                         std::string_view salt, std::uint32_t iterations) {
  auto prepared = saslprep(password);
  if (!prepared) throw std::invalid_argument("password rejected by SASLprep");
  if (iterations == 0) throw std::invalid_argument("iteration count must be positive");
  std::string salted = salted_password(algo, *prepared, salt, iterations);
  return scram_credentials{algo, std::string(salt), iterations, stored_key_of(algo, salted),
                           hmac(algo, salted, "Server Key")};
}

scram_credentials make_scram_credentials(hash_algo algo, std::string_view password) {
  return make_scram_credentials(algo, password, random_bytes(default_scram_salt_size),
                                default_scram_iterations);
}

bool verify_password(const scram_credentials& creds, std::string_view password) {
  auto prepared = saslprep(password);
  if (!prepared || creds.iterations == 0) return false;
  std::string salted = salted_password(creds.algo, *prepared, creds.salt, creds.iterations);
  return constant_time_equal(stored_key_of(creds.algo, salted), creds.stored_key);
}

}  // namespace djabberd::auth
