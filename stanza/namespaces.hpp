// XML namespaces of the core protocol, named once.
#pragma once

#include <string_view>

namespace djabberd::ns {

inline constexpr std::string_view client = "jabber:client";
inline constexpr std::string_view streams = "http://etherx.jabber.org/streams";
inline constexpr std::string_view stream_errors = "urn:ietf:params:xml:ns:xmpp-streams";
inline constexpr std::string_view stanza_errors = "urn:ietf:params:xml:ns:xmpp-stanzas";
inline constexpr std::string_view tls = "urn:ietf:params:xml:ns:xmpp-tls";
inline constexpr std::string_view sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
inline constexpr std::string_view sasl_cb = "urn:xmpp:sasl-cb:0";  // XEP-0440
inline constexpr std::string_view bind = "urn:ietf:params:xml:ns:xmpp-bind";
inline constexpr std::string_view session = "urn:ietf:params:xml:ns:xmpp-session";
inline constexpr std::string_view ping = "urn:xmpp:ping";  // XEP-0199
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";

}  // namespace djabberd::ns
