// XEP-0280 Message Carbons: which messages are copied, how a copy is wrapped, and what an
// enable/disable request asks. Pure functions over elements (no actors), shared by the c2s
// session, the router and the account actor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stanza/element.hpp"

namespace djabberd::carbons {

inline constexpr std::string_view xmlns = "urn:xmpp:carbons:2";
inline constexpr std::string_view forward_xmlns = "urn:xmpp:forward:0";  // XEP-0297
inline constexpr std::string_view hints_xmlns = "urn:xmpp:hints";        // XEP-0334

/// Which side of the conversation a copy shows.
enum class direction { received, sent };

/// XEP-0280 §6: whether a message is copied to the account's other carbons-enabled resources:
/// type chat, or type normal (or no type) with a <body/>; never error, groupchat or headline,
/// never with <private xmlns='urn:xmpp:carbons:2'/> (§7) or <no-copy xmlns='urn:xmpp:hints'/>,
/// never a message that already carries a <received/> or <sent/> wrapper, and never a message
/// between two resources of the same account (every resource that should see it is either its
/// sender or one of its recipients).
bool eligible(const xml::element& message);

/// The copy for the resource `to` of the account `bare`: <message from=bare to=to type=(the
/// original's)><received|sent xmlns=carbons><forwarded xmlns=forward>original</forwarded>...
xml::element_ptr wrap(direction d, const std::string& bare, const std::string& to,
                      const xml::element_ptr& message);

/// What an IQ asks: true for <enable/>, false for <disable/> (both in urn:xmpp:carbons:2), none
/// if its payload is something else. The IQ type is not checked.
std::optional<bool> request(const xml::element& iq);

}  // namespace djabberd::carbons
