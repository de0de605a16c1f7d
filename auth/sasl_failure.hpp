// SASL failure conditions (RFC 6120 §6.5) reported by the mechanisms.
#pragma once

#include <string_view>

namespace djabberd::auth {

/// Why a SASL exchange failed; maps one-to-one onto RFC 6120 §6.5 conditions.
enum class sasl_failure {
  aborted,
  account_disabled,
  credentials_expired,
  encryption_required,
  incorrect_encoding,
  invalid_authzid,
  invalid_mechanism,
  malformed_request,
  mechanism_too_weak,
  not_authorized,
  temporary_auth_failure,
};

/// The element name of the condition: "malformed-request", "not-authorized", ...
std::string_view condition_name(sasl_failure failure);

}  // namespace djabberd::auth
