// The SCRAM server state machine: channel binding rules, nonces and proof verification.
#include "auth/scram_server.hpp"

#include <stdexcept>

#include "auth/base64.hpp"
#include "auth/detail/scram_messages.hpp"

namespace djabberd::auth {

namespace {

bool is_printable_nonce(std::string_view nonce) {
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7E || c == ',') return false;
  }
  return !nonce.empty();
}

// The per-process secret behind fake salts for unknown users.
const std::string& unknown_user_secret() {
  static const std::string secret = random_bytes(32);
  return secret;
}

}  // namespace

scram_server::scram_server(hash_algo algo, bool plus, channel_binding_support cb,
                           std::string server_nonce)
    : algo_(algo), plus_(plus), cb_(std::move(cb)), server_nonce_(std::move(server_nonce)) {
  if (server_nonce_.empty()) server_nonce_ = base64_encode(random_bytes(24));
  if (!is_printable_nonce(server_nonce_))
    throw std::invalid_argument("scram_server: bad server nonce");
}

void scram_server::expect(step current) const {
  if (step_ != current) throw std::logic_error("scram_server: step called out of order");
}

std::variant<scram_server::client_first, sasl_failure> scram_server::receive_client_first(
    std::string_view message) {
  expect(step::client_first);
  step_ = step::done;
  auto parsed = detail::parse_client_first(message);
  if (auto* failure = std::get_if<sasl_failure>(&parsed)) return *failure;
  auto& first = std::get<detail::client_first_message>(parsed);
  switch (first.gs2.flag) {
    case 'n':
      if (plus_) return sasl_failure::malformed_request;
      break;
    case 'y':
      if (plus_) return sasl_failure::malformed_request;
      // The client could have bound the channel but thinks we can't: a downgrade.
      if (!cb_.available.empty()) return sasl_failure::not_authorized;
      break;
    default: {  // 'p'
      if (!plus_) return sasl_failure::malformed_request;
      const channel_binding* binding = nullptr;
      for (const auto& candidate : cb_.available) {
        if (candidate.type == first.gs2.cb_name) binding = &candidate;
      }
      if (binding == nullptr) return sasl_failure::not_authorized;
      cb_data_ = binding->data;
    }
  }
  auto authcid = saslprep(first.username, /*allow_unassigned=*/true);
  if (!authcid || authcid->empty()) return sasl_failure::malformed_request;
  authcid_ = *authcid;
  gs2_header_ = std::move(first.gs2.raw);
  client_first_bare_ = std::move(first.bare);
  nonce_ = std::move(first.nonce);
  step_ = step::server_first;
  return client_first{authcid_, std::move(first.gs2.authzid)};
}

std::string scram_server::server_first(const scram_credentials& creds) {
  expect(step::server_first);
  if (creds.algo != algo_) throw std::invalid_argument("scram_server: credentials algo mismatch");
  if (creds.iterations == 0) throw std::invalid_argument("scram_server: zero iterations");
  creds_ = creds;
  nonce_ += server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + base64_encode(creds_.salt) +
                  ",i=" + std::to_string(creds_.iterations);
  step_ = step::client_final;
  return server_first_;
}

std::string scram_server::server_first_for_unknown_user(std::uint32_t iterations) {
  expect(step::server_first);
  const std::string& secret = unknown_user_secret();
  scram_credentials fake;
  fake.algo = algo_;
  fake.salt = hmac(algo_, secret, "salt:" + authcid_).substr(0, default_scram_salt_size);
  fake.iterations = iterations;
  fake.stored_key = hmac(algo_, secret, "stored:" + authcid_);
  fake.server_key = hmac(algo_, secret, "server:" + authcid_);
  std::string message = server_first(fake);
  unknown_user_ = true;
  return message;
}

std::variant<std::string, sasl_failure> scram_server::receive_client_final(
    std::string_view message) {
  expect(step::client_final);
  step_ = step::done;
  auto parsed = detail::parse_client_final(message);
  if (auto* failure = std::get_if<sasl_failure>(&parsed)) return *failure;
  auto& final_message = std::get<detail::client_final_message>(parsed);
  if (!constant_time_equal(final_message.channel_binding, gs2_header_ + cb_data_))
    return sasl_failure::not_authorized;
  if (final_message.nonce != nonce_) return sasl_failure::not_authorized;
  if (final_message.proof.size() != digest_size(algo_)) return sasl_failure::not_authorized;

  std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + final_message.without_proof;
  std::string client_key = hmac(algo_, creds_.stored_key, auth_message);  // ClientSignature
  for (std::size_t i = 0; i < client_key.size(); ++i) client_key[i] ^= final_message.proof[i];
  bool proof_ok = constant_time_equal(hash(algo_, client_key), creds_.stored_key);
  if (!proof_ok || unknown_user_) return sasl_failure::not_authorized;
  succeeded_ = true;
  return "v=" + base64_encode(hmac(algo_, creds_.server_key, auth_message));
}

}  // namespace djabberd::auth
