// XEP-0191 Blocking Command: what a blocking IQ asks, which JIDs a block list covers, and the
// elements the server sends (lists, pushes, the <blocked/> error). Pure functions over elements
// (no actors), shared by the c2s session and the account actor.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "stanza/element.hpp"
#include "stanza/jid.hpp"

namespace djabberd::blocking {

inline constexpr std::string_view xmlns = "urn:xmpp:blocking";
inline constexpr std::string_view errors_xmlns = "urn:xmpp:blocking:errors";

/// What the router and the account actors already checked of a stanza on its way (bit flags of
/// (atoms::route_ok, stanza, int)): its sender's block list, its recipient's block list.
inline constexpr int checked_outbound = 1;
inline constexpr int checked_inbound = 2;

/// A block list: the prepared textual JIDs (jid::str()) the account blocks.
using jid_set = std::set<std::string>;

/// XEP-0191 §6 (the XEP-0016 §2.1 rules): `list` covers `who` if it holds <user@domain/resource>,
/// <user@domain>, <domain/resource> or <domain> of it (only the parts `who` has).
bool covers(const jid_set& list, const jid& who);

/// What a blocking IQ asks.
enum class action { get, block, unblock };

struct request {
  action what = action::get;
  /// block / unblock: the prepared JIDs of the <item/> children (unblock: empty = all).
  std::vector<std::string> jids;
  /// False when the request is not acceptable: a <block/> without items, an <item/> without a
  /// valid 'jid', or a <blocklist/> that is not a get / a <block/>/<unblock/> that is not a set.
  bool valid = true;
};

/// Whether the IQ's payload is a <blocklist/>, <block/> or <unblock/> of urn:xmpp:blocking.
bool is_request(const xml::element& iq);

/// What a blocking IQ asks (is_request must be true).
request parse_request(const xml::element& iq);

/// <blocklist xmlns='urn:xmpp:blocking'> with one <item jid=.../> per blocked JID (§3.2).
xml::element_ptr blocklist_element(const jid_set& list);

/// The push of a change (§3.3, §3.4, §3.5) to the resource `to`: an IQ set carrying <block/> or
/// <unblock/> with the changed JIDs (unblock without items: everything was unblocked).
xml::element_ptr push_iq(action what, const std::vector<std::string>& jids, const std::string& to,
                         const std::string& id);

/// The error for a stanza the user sent to a blocked JID (§3.3): <not-acceptable/> with the
/// application condition <blocked xmlns='urn:xmpp:blocking:errors'/>; nullptr for an error.
xml::element_ptr blocked_error(const xml::element& stanza);

}  // namespace djabberd::blocking
