// SCRAM-SHA-256 client messages: client-first, client-final with proof, server-final check.
#include "bench/loadgen/scram_client.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <charconv>
#include <cstdint>

#include "bench/loadgen/base64.hpp"

namespace djabberd::loadgen {

namespace {

/// RFC 5802 saslname: ',' and '=' escaped.
std::string saslname(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ',') {
      out += "=2C";
    } else if (c == '=') {
      out += "=3D";
    } else {
      out += c;
    }
  }
  return out;
}

std::string random_nonce() {
  unsigned char raw[18];
  RAND_bytes(raw, sizeof(raw));
  return base64_encode(std::string_view{reinterpret_cast<char*>(raw), sizeof(raw)});
}

/// The value of attribute `key` ("r", "s", "i", ...) in a comma-separated SCRAM message.
std::optional<std::string_view> attribute(std::string_view message, char key) {
  while (!message.empty()) {
    const std::size_t comma = message.find(',');
    std::string_view item = message.substr(0, comma);
    if (item.size() >= 2 && item[0] == key && item[1] == '=') return item.substr(2);
    if (comma == std::string_view::npos) break;
    message.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

std::string_view as_text(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

}  // namespace

ScramClient::ScramClient(std::string_view username, ScramKeyCache& keys)
    : ScramClient(username, random_nonce(), keys) {}

ScramClient::ScramClient(std::string_view username, std::string_view nonce, ScramKeyCache& keys)
    : keys_(keys),
      client_first_bare_("n=" + saslname(username) + ",r=" + std::string{nonce}),
      nonce_(nonce) {}

std::optional<std::string> ScramClient::client_final(std::string_view server_first,
                                                     std::string& error) {
  if (server_first.starts_with("m=")) {
    error = "scram_extension";
    return std::nullopt;
  }
  auto nonce = attribute(server_first, 'r');
  auto salt64 = attribute(server_first, 's');
  auto iter_text = attribute(server_first, 'i');
  std::string salt;
  std::uint32_t iterations = 0;
  if (!nonce || !salt64 || !iter_text || !base64_decode(*salt64, salt) ||
      std::from_chars(iter_text->data(), iter_text->data() + iter_text->size(), iterations).ec !=
          std::errc{} ||
      iterations == 0) {
    error = "scram_bad_server_first";
    return std::nullopt;
  }
  if (!nonce->starts_with(nonce_) || nonce->size() == nonce_.size()) {
    error = "scram_bad_nonce";
    return std::nullopt;
  }
  const ScramKeys keys = keys_.get(salt, iterations);
  std::string final_without_proof = "c=biws,r=" + std::string{*nonce};
  std::string auth_message = client_first_bare_;
  auth_message += ',';
  auth_message += server_first;
  auth_message += ',';
  auth_message += final_without_proof;
  Digest proof = hmac_sha256(keys.stored_key, auth_message);
  for (std::size_t i = 0; i < proof.size(); ++i) proof[i] ^= keys.client_key[i];
  server_signature_ = hmac_sha256(keys.server_key, auth_message);
  have_signature_ = true;
  return final_without_proof + ",p=" + base64_encode(as_text(proof));
}

bool ScramClient::verify_server_final(std::string_view server_final, std::string& error) {
  if (auto e = attribute(server_final, 'e')) {
    error = "scram_server_error:" + std::string{*e};
    return false;
  }
  auto v = attribute(server_final, 'v');
  std::string signature;
  if (!have_signature_ || !v || !base64_decode(*v, signature) ||
      signature.size() != server_signature_.size() ||
      CRYPTO_memcmp(signature.data(), server_signature_.data(), signature.size()) != 0) {
    error = "scram_bad_server_signature";
    return false;
  }
  verified_ = true;
  return true;
}

}  // namespace djabberd::loadgen
