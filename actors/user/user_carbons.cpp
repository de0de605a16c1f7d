// XEP-0280 Message Carbons on the account actor: the per-resource flag and the copies.
//
// Who sees which message: messages for the bare JID (and chat to a resource that is not there)
// reach this actor anyway (handle_inbound_message sends the received copies itself). Messages to
// a bound full JID and messages the account's clients send go through the router only, which
// cannot know who has carbons on. So this actor tells the router (atoms::carbons, bare, bool)
// whenever "some resource has carbons enabled" changes, and the router keeps a set of such bare
// JIDs: only for those it also sends this actor (atoms::carbon_copy, message) after delivering
// an eligible message to a full JID, and (atoms::carbon_sent, message) for an eligible message
// one of the resources sent. Accounts without carbons cost the router one empty-set check.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"

namespace djabberd::user {

void handle_carbons_iq(user_actor* self, const jid& full, const xml::element_ptr& iq) {
  auto* r = find_resource(self, full);
  if (!r) return;  // the session is gone: nobody to answer
  auto enable = carbons::request(*iq);
  if (!enable || iq->attr_or("type") != "set")
    return deliver(self, *r, xml::make_error_reply(*iq, xml::stanza_error::bad_request));
  r->carbons = *enable;  // §4/§5: enabling twice (or disabling twice) is not an error
  sync_carbons(self);
  deliver(self, *r, xml::make_iq_result(*iq));
}

void sync_carbons(user_actor* self) {
  auto& st = self->state;
  bool on = std::any_of(st.resources.begin(), st.resources.end(),
                        [](const resource& r) { return r.carbons; });
  if (on == st.carbons_on) return;
  st.carbons_on = on;
  self->send(st.router, atoms::carbons::value, st.bare, on);
}

void send_carbons(user_actor* self, carbons::direction d, const xml::element_ptr& message,
                  const std::vector<const resource*>& skip) {
  auto& st = self->state;
  if (!st.carbons_on || !carbons::eligible(*message)) return;
  auto bare = st.bare.bare_str();
  for (const auto& r : st.resources) {
    if (!r.carbons || !r.available) continue;
    if (std::find(skip.begin(), skip.end(), &r) != skip.end()) continue;
    deliver(self, r, carbons::wrap(d, bare, r.full.str(), message));
  }
}

}  // namespace djabberd::user
