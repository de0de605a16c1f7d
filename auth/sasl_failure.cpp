// Names of the SASL failure conditions.
#include "auth/sasl_failure.hpp"

namespace djabberd::auth {

std::string_view condition_name(sasl_failure failure) {
  switch (failure) {
    case sasl_failure::aborted:
      return "aborted";
    case sasl_failure::account_disabled:
      return "account-disabled";
    case sasl_failure::credentials_expired:
      return "credentials-expired";
    case sasl_failure::encryption_required:
      return "encryption-required";
    case sasl_failure::incorrect_encoding:
      return "incorrect-encoding";
    case sasl_failure::invalid_authzid:
      return "invalid-authzid";
    case sasl_failure::invalid_mechanism:
      return "invalid-mechanism";
    case sasl_failure::malformed_request:
      return "malformed-request";
    case sasl_failure::mechanism_too_weak:
      return "mechanism-too-weak";
    case sasl_failure::not_authorized:
      return "not-authorized";
    case sasl_failure::temporary_auth_failure:
      return "temporary-auth-failure";
  }
  return "not-authorized";
}

}  // namespace djabberd::auth
