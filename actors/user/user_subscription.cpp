// Subscription management (RFC 6121 §3): the Appendix A state machine, stored through the roster
// hooks before anything is routed or delivered.
#include "actors/roster/subscription.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

xml::element_ptr subscription_stanza(const std::string& from, const std::string& to,
                                     std::string_view type) {
  auto p = xml::make_element("presence", std::string(ns::client));
  p->set_attr("from", from);
  p->set_attr("to", to);
  p->set_attr("type", std::string(type));
  return p;
}

// Stores the item if the transition changed it, then runs `after` (skipped if storing failed:
// nothing goes out that the stored state does not back).
void commit(user_actor* self, const roster::roster_item& item, const roster::transition& t,
            std::function<void()> after) {
  if (!t.changed) return after();
  store_item(self, item, [after = std::move(after)](bool ok) {
    if (ok) after();
  });
}

void deliver_to_available(user_actor* self, const xml::element_ptr& stanza) {
  for (const auto& r : self->state.resources)
    if (r.available) deliver(self, r, stanza);
}

}  // namespace

void handle_outbound_subscription(user_actor* self, const xml::element_ptr& presence) {
  auto to = jid::parse(presence->attr_or("to"));
  if (!to) return;
  auto contact = to->bare_str();
  auto type = std::string(presence->attr_or("type"));
  with_roster(self, [=] {
    auto& st = self->state;
    auto item = item_for(self, contact);
    const bool had_from = item.from;
    auto t = roster::apply_outbound(item, type);
    // §3.1.2: subscription stanzas leave with the user's bare JID, to the contact's bare JID.
    auto stanza =
        xml::with_attr(xml::with_attr(presence, "from", st.bare.bare_str()), "to", contact);
    commit(self, item, t, [=] {
      if (t.forward) route(self, stanza);
      // §3.1.5: an approved contact gets the user's current presence; §3.2.2: a cancelled one
      // learns that every resource is gone.
      if (type == "subscribed" && t.forward) send_presence_of_resources(self, contact, false);
      if (type == "unsubscribed" && had_from) send_presence_of_resources(self, contact, true);
    });
  });
}

void handle_inbound_subscription(user_actor* self, const xml::element_ptr& presence) {
  auto from = jid::parse(presence->attr_or("from"));
  if (!from) return;
  auto contact = from->bare_str();
  auto type = std::string(presence->attr_or("type"));
  with_existence(self, [=] {
    auto& st = self->state;
    if (!*st.exists) {
      // §3.1.3: a request to an account that does not exist is answered like a refusal.
      if (type == "subscribe")
        route(self, subscription_stanza(st.bare.bare_str(), contact, "unsubscribed"));
      return;
    }
    with_roster(self, [=] {
      auto& st = self->state;
      auto item = item_for(self, contact);
      const bool had_from = item.from;
      auto t = roster::apply_inbound(item, type);
      auto stanza =
          xml::with_attr(xml::with_attr(presence, "from", contact), "to", st.bare.bare_str());
      commit(self, item, t, [=] {
        if (t.forward) deliver_to_available(self, stanza);
        // §3.3.3: a contact that unsubscribes learns that the user's resources are gone.
        if (type == "unsubscribe" && had_from) send_presence_of_resources(self, contact, true);
        if (t.auto_subscribed) {
          route(self, subscription_stanza(self->state.bare.bare_str(), contact, "subscribed"));
          send_presence_of_resources(self, contact, false);
        }
      });
    });
  });
}

void redeliver_pending_requests(user_actor* self, const resource& r) {
  auto& st = self->state;
  for (const auto& [contact, item] : st.roster)
    if (item.pending_in)
      deliver(self, r, subscription_stanza(contact, st.bare.bare_str(), "subscribe"));
}

}  // namespace djabberd::user
