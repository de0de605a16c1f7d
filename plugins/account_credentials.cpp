// account_credentials: the username, password and key rules shared by both account stores.
#include "plugins/account_credentials.hpp"

#include <exception>
#include <limits>
#include <stdexcept>
#include <utility>

#include "stanza/jid.hpp"
#include "stanza/prep.hpp"

namespace djabberd::plugins {

namespace {

constexpr auth::hash_algo all_algos[] = {auth::hash_algo::sha1, auth::hash_algo::sha256};

bool valid_password(std::string_view password) {
  auto prepared = auth::saslprep(password);
  return prepared && !prepared->empty();
}

}  // namespace

std::string_view algo_column(auth::hash_algo algo) {
  return algo == auth::hash_algo::sha1 ? "SHA-1" : "SHA-256";
}

std::optional<std::string> prepare_username(std::string_view username) {
  auto prepared = nodeprep(username);
  if (!prepared || prepared->empty() || prepared->size() > jid::max_part_bytes) return std::nullopt;
  return prepared;
}

new_credentials make_new_credentials(std::string_view username, std::string_view password) {
  using status = new_credentials::status;
  new_credentials out;
  auto user = prepare_username(username);
  if (!user) {
    out.result = status::invalid_username;
    return out;
  }
  if (!valid_password(password)) {
    out.result = status::invalid_password;
    return out;
  }
  try {
    for (auto algo : all_algos) out.keys.push_back(auth::make_scram_credentials(algo, password));
  } catch (const std::invalid_argument&) {
    out.result = status::invalid_password;
    return out;
  } catch (const std::exception& e) {
    out.result = status::error;
    out.error = e.what();
    return out;
  }
  out.result = status::ok;
  out.username = std::move(*user);
  return out;
}

account_add_result refused_add(new_credentials::status result) {
  switch (result) {
    case new_credentials::status::invalid_username:
      return account_add_result::invalid_username;
    case new_credentials::status::invalid_password:
      return account_add_result::invalid_password;
    case new_credentials::status::ok:
    case new_credentials::status::error:
      break;
  }
  return account_add_result::error;
}

account_update_result refused_update(new_credentials::status result) {
  switch (result) {
    case new_credentials::status::invalid_username:
      return account_update_result::not_found;
    case new_credentials::status::invalid_password:
      return account_update_result::invalid_password;
    case new_credentials::status::ok:
    case new_credentials::status::error:
      break;
  }
  return account_update_result::error;
}

std::optional<auth::scram_credentials> checked_credentials(auth::hash_algo algo, std::string salt,
                                                           std::int64_t iterations,
                                                           std::string stored_key,
                                                           std::string server_key) {
  auto size = auth::digest_size(algo);
  if (iterations <= 0 || iterations > std::numeric_limits<std::uint32_t>::max() || salt.empty() ||
      stored_key.size() != size || server_key.size() != size)
    return std::nullopt;
  auth::scram_credentials creds;
  creds.algo = algo;
  creds.salt = std::move(salt);
  creds.iterations = static_cast<std::uint32_t>(iterations);
  creds.stored_key = std::move(stored_key);
  creds.server_key = std::move(server_key);
  return creds;
}

std::string corrupt_credentials_error(auth::hash_algo algo, std::string_view username,
                                      std::string_view domain) {
  return "corrupt " + std::string(algo_column(algo)) + " credentials for " + std::string(username) +
         "@" + std::string(domain);
}

}  // namespace djabberd::plugins
