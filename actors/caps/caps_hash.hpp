// XEP-0115 §5.1 verification string and hash of a disco#info <query/>.
#pragma once

#include <optional>
#include <string>

#include "stanza/element.hpp"

namespace djabberd::caps {

inline constexpr std::string_view ns_caps = "http://jabber.org/protocol/caps";

/// The verification string S of §5.1 for a disco#info <query/>; nullopt when §5.4 says the
/// answer must not be trusted (duplicate identities, features or FORM_TYPEs). Forms without a
/// hidden FORM_TYPE are left out, as §5.4 asks.
std::optional<std::string> verification_string(const xml::element& query);

/// base64(SHA-1(S)): the 'ver' of a <c hash='sha-1'/>; nullopt as above.
std::optional<std::string> sha1_ver(const xml::element& query);

}  // namespace djabberd::caps
