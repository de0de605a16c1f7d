// OpenSSL-backed hashing, HMAC, PBKDF2, randomness and constant-time comparison.
#include "auth/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>
#include <stdexcept>

namespace djabberd::auth {

namespace {

const EVP_MD* digest(hash_algo algo) {
  return algo == hash_algo::sha1 ? EVP_sha1() : EVP_sha256();
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string_view mechanism_name(hash_algo algo, bool plus) {
  if (algo == hash_algo::sha1) return plus ? "SCRAM-SHA-1-PLUS" : "SCRAM-SHA-1";
  return plus ? "SCRAM-SHA-256-PLUS" : "SCRAM-SHA-256";
}

std::size_t digest_size(hash_algo algo) {
  return algo == hash_algo::sha1 ? 20 : 32;
}

std::string hmac(hash_algo algo, std::string_view key, std::string_view data) {
  if (key.size() > INT_MAX) throw std::invalid_argument("hmac: key too long");
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  if (HMAC(digest(algo), key.data(), static_cast<int>(key.size()), bytes(data), data.size(),
           reinterpret_cast<unsigned char*>(out.data()), &length) == nullptr)
    throw std::runtime_error("hmac: OpenSSL failure");
  out.resize(length);
  return out;
}

std::string hash(hash_algo algo, std::string_view data) {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length,
                 digest(algo), nullptr) != 1)
    throw std::runtime_error("hash: OpenSSL failure");
  out.resize(length);
  return out;
}

std::string pbkdf2(hash_algo algo, std::string_view password, std::string_view salt,
                   std::uint32_t iterations) {
  if (iterations == 0 || iterations > INT_MAX) throw std::invalid_argument("pbkdf2: bad count");
  if (password.size() > INT_MAX || salt.size() > INT_MAX)
    throw std::invalid_argument("pbkdf2: input too long");
  std::string out(digest_size(algo), '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), bytes(salt),
                        static_cast<int>(salt.size()), static_cast<int>(iterations), digest(algo),
                        static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1)
    throw std::runtime_error("pbkdf2: OpenSSL failure");
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t count) {
  if (count > INT_MAX) throw std::invalid_argument("random_bytes: count too large");
  std::string out(count, '\0');
  if (count != 0 &&
      RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
    throw std::runtime_error("random_bytes: RAND_bytes failed");
  return out;
}

}  // namespace djabberd::auth
