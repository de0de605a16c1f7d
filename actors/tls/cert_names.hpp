// RFC 6125 / RFC 6120 §13.7.1.2 identity checks of a peer server's certificate: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

using X509 = struct x509_st;

namespace djabberd::tls {

/// The reference identifiers a certificate presents.
struct cert_identities {
  std::vector<std::string> dns_ids;     ///< subjectAltName dNSName entries (may be "*.x.y")
  std::vector<std::string> xmpp_addrs;  ///< subjectAltName otherName id-on-xmppAddr (UTF8String)
  std::vector<std::string> srv_ids;  ///< subjectAltName otherName id-on-dnsSRV ("_xmpp-server.x")
  std::string common_name;           ///< subject CN, used only when no SAN identity exists
};

/// Extracts the identities of `cert` (nullptr gives none).
cert_identities identities_of(X509* cert);

/// True if `presented` (a DNS-ID, possibly "*.example.com") matches `domain` (RFC 6125 §6.4):
/// case-insensitive; a wildcard only as the whole left-most label, matching exactly one label.
bool dns_id_matches(std::string_view presented, std::string_view domain);

/// True if the certificate identifies the XMPP server `domain`: a DNS-ID, an XmppAddr equal to
/// the domain, or an SRV-ID "_xmpp-server.<domain>"; the subject CN only when the certificate
/// carries none of those (RFC 6125 §6.4.4).
bool identifies(const cert_identities& ids, std::string_view domain);

}  // namespace djabberd::tls
