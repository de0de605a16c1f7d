// XEP-0153 §3.1: the hash clients and servers put in <photo/>: hex SHA-1 of the vCard's image.
#pragma once

#include <string>

#include "stanza/element.hpp"

namespace djabberd::plugins::vcard {

/// The lowercase hex SHA-1 of the decoded <PHOTO><BINVAL/></PHOTO> of `vcard`; "" when there is
/// no photo, or its BINVAL is not base64 (whitespace and line breaks in it are allowed).
std::string photo_hash(const xml::element_ptr& vcard);

/// Whether `presence` already has <x xmlns='vcard-temp:x:update'/>.
bool has_photo_update(const xml::element& presence);

/// <x xmlns='vcard-temp:x:update'><photo>hash</photo></x> added to a copy of `presence`
/// (an empty <photo/> for ""), or `presence` itself when it already has such an <x/>.
xml::element_ptr with_photo_update(const xml::element_ptr& presence, const std::string& hash);

}  // namespace djabberd::plugins::vcard
