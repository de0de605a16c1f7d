// Reads the user number out of a generator user's JID.
#include "bench/loadgen/presence_contacts.hpp"

namespace djabberd::loadgen {

std::optional<std::uint64_t> user_number(std::string_view jid, std::string_view prefix,
                                         std::string_view domain) {
  const std::size_t slash = jid.find('/');
  const std::string_view bare = jid.substr(0, slash);
  const std::size_t at = bare.find('@');
  if (at == std::string_view::npos || bare.substr(at + 1) != domain) return std::nullopt;
  const std::string_view local = bare.substr(0, at);
  if (local.size() <= prefix.size() || local.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  const std::string_view digits = local.substr(prefix.size());
  if (digits.size() > 10 || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
  std::uint64_t value = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return value;
}

}  // namespace djabberd::loadgen
