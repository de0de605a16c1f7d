// One entry of an account's roster with its subscription state (RFC 6121 §2.1.2, Appendix A).
#pragma once

#include <string>
#include <vector>

namespace djabberd::roster {

/// The nine subscription states of RFC 6121 Appendix A are the combinations of `to`, `from`,
/// `pending_out` and `pending_in` that the state machine allows; `approved` is a pre-approval
/// (§3.4). Storage plugins store every field exactly as given.
struct roster_item {
  std::string contact;              ///< the contact's bare JID, prepared (RFC 7622)
  std::string name;                 ///< the user's name for the contact ("" = none)
  std::vector<std::string> groups;  ///< group names, in the order the client gave them
  bool to = false;                  ///< the user receives the contact's presence
  bool from = false;                ///< the contact receives the user's presence
  bool pending_out = false;  ///< the user asked to subscribe; no answer yet (ask='subscribe')
  bool pending_in = false;   ///< the contact asked to subscribe; the user has not answered
  bool approved = false;     ///< the user pre-approved the contact's subscription
  /// false: only a pending inbound request is stored; the client never sees this entry in its
  /// roster (RFC 6121 §3.1.3), it becomes visible once the user answers or adds the contact.
  bool in_roster = true;

  bool operator==(const roster_item&) const = default;
};

using roster_items = std::vector<roster_item>;

/// The 'subscription' attribute value: "none", "to", "from" or "both".
const char* subscription_name(const roster_item& item);

}  // namespace djabberd::roster
