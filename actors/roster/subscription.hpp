// The subscription state machine of RFC 6121 Appendix A, as pure functions on a roster item.
#pragma once

#include <string_view>

#include "actors/roster/roster_item.hpp"

namespace djabberd::roster {

/// What the server does after applying a subscription stanza to the item.
struct transition {
  bool changed = false;  ///< the item changed: store it (and push it if it is in the roster)
  bool forward = false;  ///< outbound: route the stanza to the contact; inbound: deliver it
  /// inbound subscribe that is already approved: answer <presence type='subscribed'/> at once
  bool auto_subscribed = false;
};

/// The user sends presence of `type` (subscribe, subscribed, unsubscribe, unsubscribed) to the
/// contact of `item` (Appendix A.2). Anything else changes nothing.
transition apply_outbound(roster_item& item, std::string_view type);

/// The contact sends presence of `type` to the user (Appendix A.3).
transition apply_inbound(roster_item& item, std::string_view type);

/// True for the four subscription presence types.
bool is_subscription_type(std::string_view type);

/// An entry that carries nothing any more (hidden and no pending request) and can be deleted.
bool is_empty(const roster_item& item);

}  // namespace djabberd::roster
