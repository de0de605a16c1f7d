// The client side of one SCRAM-SHA-256 exchange (RFC 5802 / RFC 7677), without channel binding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bench/loadgen/scram_keys.hpp"

namespace djabberd::loadgen {

class ScramClient {
 public:
  /// A random client nonce.
  ScramClient(std::string_view username, ScramKeyCache& keys);
  /// A given client nonce (tests).
  ScramClient(std::string_view username, std::string_view nonce, ScramKeyCache& keys);

  /// The client-first message, gs2 header included ("n,,n=user,r=nonce").
  std::string client_first() const { return "n,," + client_first_bare_; }

  /// Answers the server-first message with the client-final one; nothing (and `error`) if the
  /// server's message is malformed or does not extend our nonce.
  std::optional<std::string> client_final(std::string_view server_first, std::string& error);

  /// Checks the server-final message ("v=..."). True if it proves the server knows the key.
  bool verify_server_final(std::string_view server_final, std::string& error);

  bool server_verified() const { return verified_; }

 private:
  ScramKeyCache& keys_;
  std::string client_first_bare_;
  std::string nonce_;
  Digest server_signature_{};
  bool have_signature_ = false;
  bool verified_ = false;
};

}  // namespace djabberd::loadgen
