// SASLprep (RFC 4013) through libidn's stringprep "SASLprep" profile.
#include <stringprep.h>

#include <cstdlib>
#include <string>

#include "auth/crypto.hpp"
#include "auth/detail/utf8.hpp"

namespace djabberd::auth {

std::optional<std::string> saslprep(std::string_view text, bool allow_unassigned) {
  if (text.find('\0') != std::string_view::npos || !detail::is_valid_utf8(text))
    return std::nullopt;
  std::string input(text);  // libidn wants a NUL-terminated string
  char* output = nullptr;
  auto flags = allow_unassigned ? Stringprep_profile_flags{} : STRINGPREP_NO_UNASSIGNED;
  int rc = stringprep_profile(input.c_str(), &output, "SASLprep", flags);
  if (rc != STRINGPREP_OK) {
    std::free(output);
    return std::nullopt;
  }
  std::string result(output);
  std::free(output);
  return result;
}

}  // namespace djabberd::auth
