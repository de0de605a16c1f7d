// Messages for the account (RFC 6121 §8.5.2, §8.5.3.2.1) and offline storage (XEP-0160, XEP-0203).
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/delay.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

// The available resources of highest non-negative priority (§8.5.2.1.1).
std::vector<const resource*> most_available(user_actor* self) {
  std::vector<const resource*> best;
  int top = 0;
  for (const auto& r : self->state.resources) {
    if (!r.available || r.priority < 0) continue;
    if (best.empty() || r.priority > top) {
      best.clear();
      top = r.priority;
    }
    if (r.priority == top) best.push_back(&r);
  }
  return best;
}

void store_offline(user_actor* self, const xml::element_ptr& message) {
  with_existence(self, [self, message] {
    auto& st = self->state;
    // §8.5.2.2.1: no account, or no offline storage -> service-unavailable (not revealing which).
    if (!*st.exists || st.hooks->chain(hooks::hook_id::offline_store).empty())
      return bounce(self, message, xml::stanza_error::service_unavailable);
    // Only messages a person would miss are kept (not bare chat states or receipts).
    if (!message->child("body", ns::client)) return;
    wait(self);
    hooks::run_chain(self, st.hooks, hooks::hook_id::offline_store,
                     caf::make_message(atoms::offline_store::value, st.vhost, st.bare.bare_str(),
                                       xml::with_delay(message, st.vhost)),
                     [self, message](hooks::chain_result r) {
                       bool stored = r.handled && r.payload.match_elements<bool>() &&
                                     r.payload.get_as<bool>(0);
                       if (!stored)
                         bounce(self, message, xml::stanza_error::service_unavailable,
                                r.handled ? "the recipient's offline storage is full"
                                          : "the message could not be stored");
                       resume(self);
                     });
  });
}

}  // namespace

void handle_inbound_message(user_actor* self, const xml::element_ptr& message) {
  auto type = message->attr_or("type", "normal");
  auto to = jid::parse(message->attr_or("to"));
  if (to && !to->is_bare() && type != "chat") {
    // §8.5.3.2.1: only chat to a resource that is not there is treated like the bare JID; normal
    // and groupchat fail, headline and error vanish.
    if (type == "normal" || type == "groupchat")
      bounce(self, message, xml::stanza_error::service_unavailable);
    return;
  }
  if (type == "groupchat") return bounce(self, message, xml::stanza_error::service_unavailable);
  if (type == "headline") {
    for (const auto& r : self->state.resources)
      if (r.available && r.priority >= 0) deliver(self, r, message);
    return;  // nobody to show it to: headlines are dropped
  }
  if (type == "error") return;  // §8.5.2.1.1: ignored (and never answered with an error)
  auto targets = most_available(self);
  if (targets.empty()) return store_offline(self, message);
  for (const auto* r : targets) deliver(self, *r, message);
  send_carbons(self, carbons::direction::received, message, targets);  // XEP-0280 §6
}

void deliver_offline(user_actor* self, const jid& full) {
  auto& st = self->state;
  if (st.hooks->chain(hooks::hook_id::offline_fetch).empty()) return;
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::offline_fetch,
      caf::make_message(atoms::offline_fetch::value, st.vhost, st.bare.bare_str()),
      [self, full](hooks::chain_result r) {
        auto& st = self->state;
        auto* res = find_resource(self, full);
        if (!res || !r.handled ||
            !r.payload.match_elements<xml::element_list, std::vector<std::int64_t>>())
          return resume(self);
        const auto& messages = r.payload.get_as<xml::element_list>(0);
        const auto& ids = r.payload.get_as<std::vector<std::int64_t>>(1);
        if (ids.empty()) return resume(self);
        for (const auto& m : messages) deliver(self, *res, m);
        hooks::run_chain(
            self, st.hooks, hooks::hook_id::offline_remove,
            caf::make_message(atoms::offline_remove::value, st.vhost, st.bare.bare_str(), ids),
            [self](hooks::chain_result removed) {
              if (!removed.handled)
                log::error("offline", self->state.bare.bare_str(),
                           ": delivered offline messages could not be removed");
              resume(self);
            });
      });
}

}  // namespace djabberd::user
