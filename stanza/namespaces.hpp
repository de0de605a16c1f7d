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
inline constexpr std::string_view ping = "urn:xmpp:ping";                          // XEP-0199
inline constexpr std::string_view roster = "jabber:iq:roster";                     // RFC 6121 §2
inline constexpr std::string_view rosterver = "urn:xmpp:features:rosterver";       // XEP-0237
inline constexpr std::string_view preapproval = "urn:xmpp:features:pre-approval";  // RFC 6121 §3.4
inline constexpr std::string_view delay = "urn:xmpp:delay";                        // XEP-0203
inline constexpr std::string_view disco_info = "http://jabber.org/protocol/disco#info";  // XEP-0030
inline constexpr std::string_view disco_items = "http://jabber.org/protocol/disco#items";
inline constexpr std::string_view data_forms = "jabber:x:data";           // XEP-0004
inline constexpr std::string_view version = "jabber:iq:version";          // XEP-0092
inline constexpr std::string_view time = "urn:xmpp:time";                 // XEP-0202
inline constexpr std::string_view last = "jabber:iq:last";                // XEP-0012
inline constexpr std::string_view vcard = "vcard-temp";                   // XEP-0054
inline constexpr std::string_view private_storage = "jabber:iq:private";  // XEP-0049
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";

}  // namespace djabberd::ns
