// RFC 6121 Appendix A: outbound (A.2) and inbound (A.3) subscription transitions.
#include "actors/roster/subscription.hpp"

namespace djabberd::roster {

namespace {

// Sets `flag` to `value`, recording whether anything changed.
void set(bool& flag, bool value, bool& changed) {
  if (flag != value) changed = true;
  flag = value;
}

}  // namespace

bool is_subscription_type(std::string_view type) {
  return type == "subscribe" || type == "subscribed" || type == "unsubscribe" ||
         type == "unsubscribed";
}

bool is_empty(const roster_item& item) {
  return !item.in_roster && !item.pending_in && !item.approved;
}

transition apply_outbound(roster_item& item, std::string_view type) {
  transition t;
  if (type == "subscribe") {
    // A.2.1: the request always goes out (it may resynchronise the contact's server); the item
    // becomes visible with ask='subscribe' unless the user is already subscribed.
    set(item.in_roster, true, t.changed);
    if (!item.to) set(item.pending_out, true, t.changed);
    t.forward = true;
  } else if (type == "unsubscribe") {
    // A.2.2: cancels the user's subscription or pending request.
    set(item.to, false, t.changed);
    set(item.pending_out, false, t.changed);
    t.forward = true;
  } else if (type == "subscribed") {
    // A.2.3: approves a pending request; without one it is a pre-approval (§3.4), not routed.
    if (item.pending_in) {
      set(item.pending_in, false, t.changed);
      set(item.from, true, t.changed);
      set(item.in_roster, true, t.changed);
      set(item.approved, false, t.changed);
      t.forward = true;
    } else if (!item.from) {
      set(item.approved, true, t.changed);
      set(item.in_roster, true, t.changed);  // §3.4.2: the pre-approval is pushed as an item
    }
  } else if (type == "unsubscribed") {
    // A.2.4: denies a pending request or cancels the contact's subscription; also drops a
    // pre-approval. Routed only if the contact had something to lose.
    t.forward = item.pending_in || item.from;
    set(item.pending_in, false, t.changed);
    set(item.from, false, t.changed);
    set(item.approved, false, t.changed);
  }
  return t;
}

transition apply_inbound(roster_item& item, std::string_view type) {
  transition t;
  if (type == "subscribe") {
    // A.3.1: already subscribed or pre-approved -> answered by the server; a new request is
    // stored and delivered; a repeated one is neither.
    if (item.from) {
      t.auto_subscribed = true;
    } else if (item.approved) {
      set(item.approved, false, t.changed);
      set(item.from, true, t.changed);
      set(item.in_roster, true, t.changed);
      t.auto_subscribed = true;
    } else if (!item.pending_in) {
      set(item.pending_in, true, t.changed);
      t.forward = true;
    }
  } else if (type == "subscribed") {
    // A.3.2: only answers a request the user made.
    if (item.pending_out) {
      set(item.pending_out, false, t.changed);
      set(item.to, true, t.changed);
      t.forward = true;
    }
  } else if (type == "unsubscribe") {
    // A.3.3: the contact cancels its subscription (or its pending request).
    if (item.from || item.pending_in) {
      set(item.from, false, t.changed);
      set(item.pending_in, false, t.changed);
      t.forward = true;
    }
  } else if (type == "unsubscribed") {
    // A.3.4: the contact denies or cancels the user's subscription.
    if (item.to || item.pending_out) {
      set(item.to, false, t.changed);
      set(item.pending_out, false, t.changed);
      t.forward = true;
    }
  }
  return t;
}

}  // namespace djabberd::roster
