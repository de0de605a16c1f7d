// Presence (RFC 6121 §4): broadcast to subscribers and own resources, probes, directed presence.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/hooks/run_notify.hpp"
#include "actors/hooks/run_transform.hpp"
#include "actors/message_types.hpp"
#include "actors/roster/subscription.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

xml::element_ptr presence_stanza(const std::string& from, const std::string& to,
                                 std::string_view type) {
  auto p = xml::make_element("presence", std::string(ns::client));
  p->set_attr("from", from);
  p->set_attr("to", to);
  if (!type.empty()) p->set_attr("type", std::string(type));
  return p;
}

// Runs presence.alter_available / presence.alter_unavailable, then `then` with the result
// (nullptr: a handler dropped it).
void run_alter_hook(user_actor* self, hooks::hook_id id, const jid& full,
                    const xml::element_ptr& presence, std::function<void(xml::element_ptr)> then) {
  auto& st = self->state;
  if (st.hooks->chain(id).empty()) return then(presence);
  wait(self);
  hooks::run_transform(self, st.hooks, id,
                       caf::make_message(atoms::presence_alter::value, st.vhost, full),
                       caf::make_message(presence), [self, then = std::move(then)](caf::message v) {
                         xml::element_ptr result;
                         if (v.match_elements<xml::element_ptr>())
                           result = v.get_as<xml::element_ptr>(0);
                         self->state.busy = false;
                         then(std::move(result));
                         if (!self->state.busy) resume(self);
                       });
}

// Sends `presence` to every contact with a 'from' subscription; returns their bare JIDs.
std::set<std::string> to_subscribers(user_actor* self, const xml::element_ptr& presence) {
  std::set<std::string> sent;
  for (const auto& [contact, item] : self->state.roster) {
    if (!item.from || is_blocked(self, contact)) continue;  // XEP-0191 §3.3
    route(self, xml::with_attr(presence, "to", contact));
    sent.insert(contact);
  }
  return sent;
}

// §4.2.2, §4.4.2: every available resource of the user, the sender included, sees the change.
void to_own_resources(user_actor* self, const xml::element_ptr& presence) {
  for (const auto& r : self->state.resources)
    if (r.available) deliver(self, r, xml::with_attr(presence, "to", r.full.str()));
}

// Probes the contacts whose presence the account receives, unless presence.probe_plan takes it.
void send_probes(user_actor* self, const jid& full) {
  auto& st = self->state;
  std::vector<std::string> contacts;
  for (const auto& [contact, item] : st.roster)
    if (item.to && !is_blocked(self, contact)) contacts.push_back(contact);  // XEP-0191
  auto probe_all = [self](const std::vector<std::string>& to) {
    for (const auto& contact : to)
      route(self, presence_stanza(self->state.bare.bare_str(), contact, "probe"));
  };
  if (st.hooks->chain(hooks::hook_id::presence_probe_plan).empty()) return probe_all(contacts);
  hooks::run_chain(self, st.hooks, hooks::hook_id::presence_probe_plan,
                   caf::make_message(atoms::probe_plan::value, st.vhost, full, contacts),
                   [probe_all, contacts](hooks::chain_result r) {
                     if (!r.handled) probe_all(contacts);
                   });
}

void became_available(user_actor* self, const jid& full, int priority, xml::element_ptr p) {
  auto& st = self->state;
  auto* r = find_resource(self, full);
  if (!r || !p) return;
  bool initial = !r->available;
  bool had_offline_delivery = r->available && r->priority >= 0;
  r->available = true;
  r->priority = priority;
  r->last_presence = p;
  to_subscribers(self, p);
  to_own_resources(self, p);
  pep_resource_available(self, full, p, initial);
  // XEP-0160 §3: offline messages go to a resource once it is available with a non-negative
  // priority, whether that is its initial presence or a later update.
  bool offline_now = !had_offline_delivery && priority >= 0;
  if (!initial) {
    if (offline_now) deliver_offline(self, full);
    return;
  }
  // §4.2: learn the contacts' presence (probes from the bare JID), show the new resource the
  // user's other resources, and give it what waited while the user was away.
  send_probes(self, full);
  for (const auto& other : st.resources)
    if (other.available && other.full != full && other.last_presence)
      deliver(self, *r, xml::with_attr(other.last_presence, "to", full.str()));
  redeliver_pending_requests(self, *r);
  hooks::run_notify(self->system(), st.hooks, hooks::hook_id::session_initial_presence,
                    caf::make_message(atoms::initial_presence::value, st.vhost, full, r->session));
  if (offline_now) deliver_offline(self, full);
}

void became_unavailable(user_actor* self, const jid& full, const xml::element_ptr& p) {
  auto& st = self->state;
  auto* r = find_resource(self, full);
  if (!r) return;
  r->available = false;
  r->last_presence = nullptr;
  auto directed = std::move(r->directed);
  r->directed.clear();
  record_logout(self, p);  // XEP-0012, when it was the last available resource
  if (!p) return;
  auto covered = to_subscribers(self, p);
  to_own_resources(self, p);
  // §4.6.3: whoever got directed presence learns that the resource is gone.
  for (const auto& target : directed) {
    auto target_jid = jid::parse(target);
    if (target_jid && !covered.count(target_jid->bare_str()))
      route(self, xml::with_attr(p, "to", target));
  }
  st.last_unavailable = p;
}

void answer_probe(user_actor* self, const xml::element_ptr& probe) {
  auto& st = self->state;
  auto from = std::string(probe->attr_or("from"));
  auto prober = jid::parse(from);
  if (!prober) return;
  auto it = st.roster.find(prober->bare_str());
  // §4.3.2: presence is revealed only to subscribers; others learn they are not subscribed.
  if (!st.exists.value_or(false) || it == st.roster.end() || !it->second.from)
    return route(self, presence_stanza(st.bare.bare_str(), prober->bare_str(), "unsubscribed"));
  std::vector<xml::element_ptr> answers;
  for (const auto& r : st.resources)
    if (r.available && r.last_presence) answers.push_back(r.last_presence);
  auto reply = [self, from](const std::vector<xml::element_ptr>& presences) {
    auto& st = self->state;
    for (const auto& p : presences) route(self, xml::with_attr(p, "to", from));
    if (!presences.empty()) return;
    route(self, st.last_unavailable ? xml::with_attr(st.last_unavailable, "to", from)
                                    : presence_stanza(st.bare.bare_str(), from, "unavailable"));
  };
  if (st.hooks->chain(hooks::hook_id::presence_collect).empty()) return reply(answers);
  // Plugins add presences of their own (e.g. a status kept by another system).
  hooks::run_collect(
      self, st.hooks, hooks::hook_id::presence_collect,
      caf::make_message(atoms::presence_collect::value, st.vhost, st.bare.bare_str(), *prober),
      [self, reply, answers](std::vector<caf::message> parts) mutable {
        auto own = self->state.bare;
        for (auto& part : parts) {
          if (!part.match_elements<xml::element_list>()) continue;
          for (const auto& p : part.get_as<xml::element_list>(0)) {
            auto from = jid::parse(p ? p->attr_or("from") : "");
            if (from && from->bare() == own) answers.push_back(p);
          }
        }
        reply(answers);
      });
}

}  // namespace

void handle_broadcast_presence(user_actor* self, const jid& full, int priority, bool available,
                               const xml::element_ptr& presence) {
  with_roster(self, [=] {
    auto* r = find_resource(self, full);
    if (!r) return;
    if (available)
      return run_alter_hook(self, hooks::hook_id::presence_alter_available, full, presence,
                            [=](xml::element_ptr p) { became_available(self, full, priority, p); });
    if (!r->available) return;  // unavailable twice: nothing to tell anyone
    run_alter_hook(self, hooks::hook_id::presence_alter_unavailable, full, presence,
                   [=](xml::element_ptr p) { became_unavailable(self, full, p); });
  });
}

void resource_gone(user_actor* self, const jid& full, const caf::actor_addr& session) {
  auto* r = find_resource(self, full);
  if (!r || r->session.address() != session) return;  // a newer session holds the resource now
  auto erase = [self, full, session] {
    auto& rs = self->state.resources;
    std::erase_if(
        rs, [&](const resource& x) { return x.full == full && x.session.address() == session; });
    sync_carbons(self);
  };
  if (!r->available) return erase();
  // §4.5.2: the server speaks for a client that vanished without unavailable presence.
  with_roster(self, [=] {
    auto gone = xml::make_element("presence", std::string(ns::client));
    gone->set_attr("from", full.str());
    gone->set_attr("type", "unavailable");
    run_alter_hook(self, hooks::hook_id::presence_alter_unavailable, full, gone,
                   [=](xml::element_ptr p) {
                     became_unavailable(self, full, p);
                     erase();
                   });
  });
}

void resource_lost(user_actor* self, const jid& full) {
  if (find_resource(self, full)) return;  // it is bound again (a new session on a live node)
  // §4.5.2 as in resource_gone: its node died with the account's home, so no actor knew it was
  // available; the contacts that may have seen it learn that it is gone.
  with_roster(self, [=] {
    auto gone = xml::make_element("presence", std::string(ns::client));
    gone->set_attr("from", full.str());
    gone->set_attr("type", "unavailable");
    run_alter_hook(self, hooks::hook_id::presence_alter_unavailable, full, gone,
                   [self](xml::element_ptr p) {
                     if (!p) return;
                     to_subscribers(self, p);
                     to_own_resources(self, p);
                     self->state.last_unavailable = p;
                   });
  });
}

void handle_directed_presence(user_actor* self, const jid& full, const xml::element_ptr& presence) {
  auto type = presence->attr_or("type");
  if (roster::is_subscription_type(type)) return handle_outbound_subscription(self, presence);
  if (type == "probe")  // clients should not probe (§4.3); if one does, it speaks for the account
    return route(self, xml::with_attr(presence, "from", self->state.bare.bare_str()));
  if (type != "" && type != "unavailable") return route(self, presence);
  auto id = type.empty() ? hooks::hook_id::presence_alter_available
                         : hooks::hook_id::presence_alter_unavailable;
  run_alter_hook(self, id, full, presence,
                 [self, full, available = type.empty()](xml::element_ptr p) {
                   if (!p) return;
                   auto target = std::string(p->attr_or("to"));
                   if (auto* r = find_resource(self, full)) {
                     if (available)
                       r->directed.insert(target);
                     else
                       r->directed.erase(target);
                   }
                   route(self, p);
                 });
}

void handle_inbound_presence(user_actor* self, const xml::element_ptr& presence) {
  auto type = presence->attr_or("type");
  if (roster::is_subscription_type(type)) return handle_inbound_subscription(self, presence);
  if (type == "probe")
    return with_existence(self, [=] { with_roster(self, [=] { answer_probe(self, presence); }); });
  auto to = jid::parse(presence->attr_or("to"));
  if (!to || !to->is_bare()) return;  // §8.5.3.2.3: presence for an unbound resource is dropped
  pep_contact_presence(self, presence);
  for (const auto& r : self->state.resources)
    if (r.available) deliver(self, r, presence);
}

void send_presence_of_resources(user_actor* self, const std::string& to, bool unavailable) {
  for (const auto& r : self->state.resources) {
    if (!r.available || !r.last_presence) continue;
    route(self, unavailable ? presence_stanza(r.full.str(), to, "unavailable")
                            : xml::with_attr(r.last_presence, "to", to));
  }
}

}  // namespace djabberd::user
