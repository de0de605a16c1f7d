// photo_hash: vCard PHOTO -> SHA-1 hex; the presence update element.
#include "plugins/vcard/photo_hash.hpp"

#include <cctype>

#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::vcard {

namespace {

constexpr std::string_view update_ns = "vcard-temp:x:update";

}  // namespace

std::string photo_hash(const xml::element_ptr& vcard) {
  auto photo = vcard ? vcard->child("PHOTO", ns::vcard) : nullptr;
  auto binval = photo ? photo->child("BINVAL", ns::vcard) : nullptr;
  if (!binval) return {};
  std::string compact;
  for (char c : binval->text())
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  auto bytes = auth::base64_decode(compact);
  if (!bytes || bytes->empty()) return {};
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : auth::hash(auth::hash_algo::sha1, *bytes)) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

bool has_photo_update(const xml::element& presence) {
  return presence.child("x", update_ns) != nullptr;
}

xml::element_ptr with_photo_update(const xml::element_ptr& presence, const std::string& hash) {
  if (!presence || has_photo_update(*presence)) return presence;
  auto copy = xml::shallow_copy(*presence);
  auto& photo =
      copy->add_child("x", std::string(update_ns)).add_child("photo", std::string(update_ns));
  if (!hash.empty()) photo.add_text(hash);
  return copy;
}

}  // namespace djabberd::plugins::vcard
