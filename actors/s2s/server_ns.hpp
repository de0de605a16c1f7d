// Stanzas from a jabber:server stream in the server's internal (jabber:client) namespace.
#pragma once

#include "stanza/element.hpp"

namespace djabberd::s2s {

inline constexpr std::string_view server_ns = "jabber:server";
inline constexpr std::string_view dialback_ns = "jabber:server:dialback";
inline constexpr std::string_view dialback_feature_ns = "urn:xmpp:features:dialback";

/// `stanza` with every element in jabber:server (the stanza and the children that inherited the
/// stream's default namespace, e.g. <body/>) moved to jabber:client, which the router, the
/// account actors and c2s sessions expect. Elements in other namespaces are shared, not copied.
xml::element_ptr to_client_ns(const xml::element_ptr& stanza);

}  // namespace djabberd::s2s
