// Roster items on the wire (RFC 6121 §2.1): <item/> elements, roster sets, roster versions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actors/roster/roster_item.hpp"
#include "stanza/element.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::roster {

/// The roster of one account, by contact bare JID.
using roster_map = std::map<std::string, roster_item>;

/// <item xmlns='jabber:iq:roster' jid=... [name] subscription=... [ask] [approved]><group/>...
xml::element_ptr item_element(const roster_item& item);

/// <item jid=... subscription='remove'/> for a roster push after a removal.
xml::element_ptr removed_item_element(const std::string& contact);

/// An opaque XEP-0237 version of the items a client sees (in_roster ones): a hash of their state,
/// so equal rosters have equal versions across restarts without storing a counter.
std::string roster_version(const roster_map& roster);

/// A client's roster set (§2.3, §2.5), validated.
struct roster_set {
  std::string contact;  ///< prepared bare JID
  std::string name;
  std::vector<std::string> groups;
  bool remove = false;
};

/// A validation failure: the stanza error condition and a text for the client.
struct roster_set_error {
  xml::stanza_error condition;
  std::string text;
};

/// Reads the <query/> of a roster set. `owner` is the user's bare JID. Errors follow §2.3.3:
/// not exactly one <item/> or a duplicate group -> bad-request; a bad 'jid' -> jid-malformed;
/// an empty or too long group or name -> not-acceptable. A 'subscription' other than "remove"
/// is ignored, as the RFC says.
std::optional<roster_set_error> parse_roster_set(const xml::element& query, roster_set& out);

}  // namespace djabberd::roster
