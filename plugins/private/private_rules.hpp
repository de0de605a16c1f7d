// What XEP-0049 accepts in a jabber:iq:private query, checked before any storage is asked.
#pragma once

#include <optional>
#include <string_view>

#include "stanza/element.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::plugins::private_xml {

/// True for the namespaces XEP-0049 §2 calls reserved: 'jabber:*', 'http://jabber.org/*' and
/// 'vcard-temp'.
bool reserved_namespace(std::string_view ns);

/// The error for a get/set `query` (the <query xmlns='jabber:iq:private'/>), or nullopt if it
/// may go to storage:
/// - no child element: bad-request (the XEP's "Bad Format");
/// - a child in no namespace or in jabber:iq:private itself (not "its own namespace"), or, when
///   `reject_reserved`, in a reserved namespace: not-acceptable;
/// - a get naming more than one namespace: bad-request (§2: a client MUST NOT).
std::optional<xml::stanza_error> check_query(const xml::element& query, bool is_get,
                                             bool reject_reserved);

}  // namespace djabberd::plugins::private_xml
