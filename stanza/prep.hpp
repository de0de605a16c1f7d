// The stringprep profiles of XMPP addresses (RFC 3920 nodeprep/resourceprep, RFC 3491 nameprep).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace djabberd {

/// Applies the XMPP nodeprep profile (case folding, NFKC; rejects space, "&'/:<>@ and the other
/// prohibited code points). Returns nullopt for invalid input, including malformed UTF-8. Lengths
/// are not checked here.
std::optional<std::string> nodeprep(std::string_view s);

/// Applies the nameprep profile (case folding, NFKC). Returns nullopt for invalid input. Does not
/// check host name syntax; jid does that.
std::optional<std::string> nameprep(std::string_view s);

/// Applies the XMPP resourceprep profile (NFKC, case preserved). Returns nullopt for invalid input.
std::optional<std::string> resourceprep(std::string_view s);

}  // namespace djabberd
