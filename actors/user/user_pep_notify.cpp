// XEP-0163 §4: who gets PEP notifications (filtered by access model and caps +notify), the last
// published items for resources that become available, and disco#items listing the nodes.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

// §4.3.1: notifications come from the account's bare JID as headline messages.
xml::element_ptr event_message(user_actor* self, const xml::element_ptr& event_child) {
  auto message = xml::make_element("message", std::string(ns::client));
  message->set_attr("from", self->state.bare.bare_str());
  message->set_attr("type", "headline");
  message->add_child("event", std::string(pep::ns_event)).add_child(event_child);
  return message;
}

bool wants(const caps_info& caps, const std::string& node) {
  auto features = caps_features(caps);
  return features && features->count(node + "+notify");
}

bool contact_may_access(user_actor* self, const std::string& full, pep::access_model model) {
  auto contact = jid::parse(full);
  return contact && pep::may_access(model, pep_relation(self, *contact));
}

xml::element_ptr last_item_event(const pep::node& node) {
  auto items = xml::make_element("items", std::string(pep::ns_event));
  items->set_attr("node", node.name);
  auto& item = items->add_child("item", std::string(pep::ns_event));
  item.set_attr("id", node.items.back().id);
  if (node.items.back().payload) item.add_child(node.items.back().payload);
  return items;
}

// Sends `full` the last item of every node it may access and wants.
void send_last_items(user_actor* self, const std::string& full, const caps_info& caps, bool own) {
  for (const auto& [name, node] : self->state.pep_nodes) {
    if (node.items.empty() || !wants(caps, name)) continue;
    if (!own && !contact_may_access(self, full, node.config.access)) continue;
    route(self, xml::with_attr(event_message(self, last_item_event(node)), "to", full));
  }
}

// The caps of `full` if it is an own available resource or a known contact resource.
std::optional<std::pair<caps_info, bool>> caps_of(user_actor* self, const std::string& full) {
  if (auto parsed = jid::parse(full))
    if (auto* r = find_resource(self, *parsed); r && r->available) return std::pair{r->caps, true};
  auto it = self->state.contact_resources.find(full);
  if (it == self->state.contact_resources.end()) return std::nullopt;
  return std::pair{it->second, false};
}

// Sends the last items now if the caps are known, else when they are (pay_owed_last_items).
void last_items_when_known(user_actor* self, const std::string& full) {
  auto known = caps_of(self, full);
  if (!known || known->first.ver.empty()) return;  // no caps: no interest (§4.2)
  if (!caps_features(known->first)) {
    self->state.owed_last_items.insert(full);
    return;
  }
  with_roster(self, [=] {
    with_pep_nodes(self, [=] {
      if (auto again = caps_of(self, full))
        send_last_items(self, full, again->first, again->second);
    });
  });
}

}  // namespace

void notify_pep(user_actor* self, const pep::node& node, const xml::element_ptr& event_child) {
  auto message = event_message(self, event_child);
  for (const auto& r : self->state.resources)
    if (r.available && wants(r.caps, node.name))
      deliver(self, r, xml::with_attr(message, "to", r.full.str()));
  for (const auto& [full, caps] : self->state.contact_resources)
    if (wants(caps, node.name) && contact_may_access(self, full, node.config.access))
      route(self, xml::with_attr(message, "to", full));
}

void pep_resource_available(user_actor* self, const jid& full, const xml::element_ptr& presence,
                            bool initial) {
  if (!pep_enabled(self)) return;
  auto* r = find_resource(self, full);
  if (!r) return;
  auto caps = read_caps(self, full.str(), presence);
  bool changed = caps.ver != r->caps.ver;
  r->caps = std::move(caps);
  // §4.3.4 on initial presence; also when the client announces other caps (new interests).
  if (initial || changed) last_items_when_known(self, full.str());
}

void pep_contact_presence(user_actor* self, const xml::element_ptr& presence) {
  if (!pep_enabled(self)) return;
  auto from = std::string(presence->attr_or("from"));
  auto parsed = jid::parse(from);
  if (!parsed || parsed->is_bare() || parsed->bare() == self->state.bare) return;
  auto& contacts = self->state.contact_resources;
  if (presence->attr_or("type") == "unavailable") {
    contacts.erase(from);
    self->state.owed_last_items.erase(from);
    return;
  }
  if (presence->attr("type")) return;
  auto caps = read_caps(self, from, presence);
  auto known = contacts.find(from);
  bool fresh = known == contacts.end() || known->second.ver != caps.ver;
  contacts[from] = caps;
  // §4.3.4: the last items go to a contact when it becomes available, or announces other caps
  // (clients often add interests after their first presence), not on every update.
  if (fresh) last_items_when_known(self, from);
}

void pay_owed_last_items(user_actor* self, const std::string& ver) {
  auto owed = self->state.owed_last_items;
  for (const auto& full : owed) {
    auto known = caps_of(self, full);
    if (!known) {
      self->state.owed_last_items.erase(full);
      continue;
    }
    if (known->first.ver != ver) continue;
    self->state.owed_last_items.erase(full);
    last_items_when_known(self, full);
  }
}

void handle_disco_items(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  if (iq->first_child_element()->attr("node"))
    return bounce(self, iq, xml::stanza_error::item_not_found);
  auto answer = [self, from, iq](std::vector<caf::message> parts) {
    auto& st = self->state;
    auto result = xml::make_element("query", std::string(ns::disco_items));
    for (const auto& part : parts)
      if (part.match_elements<xml::element_ptr>())
        if (const auto& fragment = part.get_as<xml::element_ptr>(0))
          for (const auto& child : fragment->child_elements())
            if (child->is("item", ns::disco_items)) result->add_child(child);
    if (pep_enabled(self)) {
      auto relation = pep_relation(self, from);
      for (const auto& [name, node] : st.pep_nodes) {
        if (!pep::may_access(node.config.access, relation)) continue;
        auto& item = result->add_child("item", std::string(ns::disco_items));
        item.set_attr("jid", st.bare.bare_str());
        item.set_attr("node", name);
      }
    }
    route(self, xml::make_iq_result(*iq, result));
  };
  auto collect = [self, from, answer] {
    auto& st = self->state;
    if (st.hooks->chain(hooks::hook_id::disco_account_items).empty()) return answer({});
    wait(self);
    hooks::run_collect(
        self, st.hooks, hooks::hook_id::disco_account_items,
        caf::make_message(atoms::disco_account_items::value, st.vhost, from, st.bare.bare_str()),
        [self, answer](std::vector<caf::message> parts) {
          self->state.busy = false;
          answer(std::move(parts));
          if (!self->state.busy) resume(self);
        });
  };
  auto failed = [self, iq] { bounce(self, iq, xml::stanza_error::internal_server_error); };
  with_roster(
      self,
      [=] {
        if (!pep_enabled(self)) return collect();
        with_pep_nodes(self, collect, failed);
      },
      failed);
}

}  // namespace djabberd::user
