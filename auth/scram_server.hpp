// The server side of one SCRAM exchange (RFC 5802, RFC 7677) with optional channel binding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "auth/channel_binding.hpp"
#include "auth/crypto.hpp"
#include "auth/sasl_failure.hpp"
#include "auth/scram_credentials.hpp"

namespace djabberd::auth {

/// Runs one SCRAM-SHA-1/-256[-PLUS] exchange: receive_client_first, then server_first (or
/// server_first_for_unknown_user), then receive_client_final. Calling the steps out of order
/// throws std::logic_error; any returned failure ends the exchange.
class scram_server {
 public:
  /// `plus` selects the -PLUS variant; `cb` is what this connection offers (non-empty means
  /// -PLUS mechanisms were advertised); an empty `server_nonce` means 24 random bytes in
  /// base64. Throws std::invalid_argument for a nonce with characters outside %x21-7E or ','.
  scram_server(hash_algo algo, bool plus, channel_binding_support cb,
               std::string server_nonce = {});

  /// What the client asked for in its first message.
  struct client_first {
    std::string authcid;  ///< SASLprep'd (query rules), =2C/=3D decoded
    std::string authzid;  ///< =2C/=3D decoded; empty if absent
  };

  /// Checks the client-first message, including the channel binding flag against `plus` and
  /// what was advertised.
  std::variant<client_first, sasl_failure> receive_client_first(std::string_view message);

  /// Remembers `creds` (whose algo must match; std::invalid_argument otherwise) and returns
  /// "r=...,s=...,i=...".
  std::string server_first(const scram_credentials& creds);

  /// For an unknown user: a plausible server-first whose salt is derived from the username with
  /// a per-process secret, so the exchange fails only at the proof (not_authorized) and does
  /// not reveal whether the account exists. Use the iteration count real accounts have.
  std::string server_first_for_unknown_user(std::uint32_t iterations = default_scram_iterations);

  /// Checks channel binding, nonce and proof; on success returns "v=<ServerSignature>".
  std::variant<std::string, sasl_failure> receive_client_final(std::string_view message);

  /// True once receive_client_final has accepted the proof.
  bool succeeded() const { return succeeded_; }

 private:
  enum class step { client_first, server_first, client_final, done };

  void expect(step current) const;

  hash_algo algo_;
  bool plus_;
  channel_binding_support cb_;
  std::string server_nonce_;
  step step_ = step::client_first;
  bool succeeded_ = false;
  bool unknown_user_ = false;
  std::string authcid_;
  std::string gs2_header_;
  std::string cb_data_;
  std::string client_first_bare_;
  std::string nonce_;  ///< client nonce, then client nonce + server nonce
  std::string server_first_;
  scram_credentials creds_;
};

}  // namespace djabberd::auth
