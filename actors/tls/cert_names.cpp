// Certificate identities: subjectAltName parsing with OpenSSL and RFC 6125 matching.
#include "actors/tls/cert_names.hpp"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

namespace djabberd::tls {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view strip_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

std::string to_string(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

// id-on-xmppAddr (RFC 6120 §13.7.1.4) and id-on-dnsSRV (RFC 4985), created once.
int nid_of(const char* oid, const char* short_name) {
  int nid = OBJ_txt2nid(oid);
  if (nid == NID_undef) nid = OBJ_create(oid, short_name, short_name);
  return nid;
}

void add_other_name(const OTHERNAME* other, cert_identities& ids) {
  static const int xmpp_addr = nid_of("1.3.6.1.5.5.7.8.5", "id-on-xmppAddr");
  static const int dns_srv = nid_of("1.3.6.1.5.5.7.8.7", "id-on-dnsSRV");
  int nid = OBJ_obj2nid(other->type_id);
  const ASN1_TYPE* value = other->value;
  if (nid == xmpp_addr && value->type == V_ASN1_UTF8STRING)
    ids.xmpp_addrs.push_back(to_string(value->value.utf8string));
  else if (nid == dns_srv && value->type == V_ASN1_IA5STRING)
    ids.srv_ids.push_back(to_string(value->value.ia5string));
}

}  // namespace

cert_identities identities_of(X509* cert) {
  cert_identities ids;
  if (cert == nullptr) return ids;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
      if (name->type == GEN_DNS)
        ids.dns_ids.push_back(to_string(name->d.dNSName));
      else if (name->type == GEN_OTHERNAME)
        add_other_name(name->d.otherName, ids);
    }
    GENERAL_NAMES_free(names);
  }
  X509_NAME* subject = X509_get_subject_name(cert);
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index >= 0) {
    unsigned char* utf8 = nullptr;
    int len =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
    if (len >= 0)
      ids.common_name.assign(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
  }
  return ids;
}

bool dns_id_matches(std::string_view presented, std::string_view domain) {
  presented = strip_trailing_dot(presented);
  domain = strip_trailing_dot(domain);
  if (presented.empty() || domain.empty()) return false;
  if (presented.size() > 2 && presented.substr(0, 2) == "*.") {
    // "*.example.com" matches "a.example.com", never "example.com" nor "a.b.example.com".
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    auto rest = presented.substr(2);
    if (rest.find('.') == std::string_view::npos) return false;  // no "*.com"
    return iequals(rest, domain.substr(dot + 1));
  }
  if (presented.find('*') != std::string_view::npos) return false;  // partial wildcards: no
  return iequals(presented, domain);
}

bool identifies(const cert_identities& ids, std::string_view domain) {
  for (const auto& id : ids.dns_ids)
    if (dns_id_matches(id, domain)) return true;
  for (const auto& addr : ids.xmpp_addrs)
    if (iequals(strip_trailing_dot(addr), strip_trailing_dot(domain))) return true;
  for (const auto& srv : ids.srv_ids) {
    constexpr std::string_view prefix = "_xmpp-server.";
    if (srv.size() > prefix.size() &&
        iequals(std::string_view(srv).substr(0, prefix.size()), prefix) &&
        iequals(strip_trailing_dot(std::string_view(srv).substr(prefix.size())),
                strip_trailing_dot(domain)))
      return true;
  }
  if (!ids.dns_ids.empty() || !ids.xmpp_addrs.empty() || !ids.srv_ids.empty()) return false;
  return !ids.common_name.empty() && dns_id_matches(ids.common_name, domain);
}

}  // namespace djabberd::tls
