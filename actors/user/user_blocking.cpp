// XEP-0191 Blocking Command on the account actor: the block list, its IQs and pushes, and its
// enforcement.
//
// Who sees which stanza: stanzas for the bare JID reach this actor anyway (the inbound handler
// checks their sender). Stanzas to a bound full JID and stanzas the account's clients send go
// through the router only, so this actor tells the router (atoms::blocking, bare, bool) whenever
// "the block list is not empty" changes. Only for such accounts the router hands this actor what
// a resource sends (atoms::block_out) and what would go straight to a resource (atoms::block_in);
// a stanza that may pass goes back as (atoms::route_ok, stanza, checks done). Accounts without a
// block list cost the router one empty-set check.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

// Tells the router whether the block list is non-empty, if that changed.
void sync_blocking(user_actor* self) {
  auto& st = self->state;
  bool on = !st.blocked.empty();
  if (on == st.blocking_on) return;
  st.blocking_on = on;
  self->send(st.router, atoms::blocking::value, st.bare, on);
}

void push_change(user_actor* self, blocking::action what, const std::vector<std::string>& jids) {
  auto& st = self->state;
  for (const auto& r : st.resources)
    if (r.wants_blocklist)
      deliver(
          self, r,
          blocking::push_iq(what, jids, r.full.str(), "block" + std::to_string(++st.next_push)));
}

// §3.3: a contact that may see the user's presence (a 'from' subscription or directed presence)
// gets unavailable presence from every available resource when it is blocked.
void hide_presence_from(user_actor* self, const blocking::jid_set& added) {
  auto& st = self->state;
  for (const auto& [contact, item] : st.roster) {
    auto contact_jid = jid::parse(contact);
    if (item.from && contact_jid && blocking::covers(added, *contact_jid))
      send_presence_of_resources(self, contact, true);
  }
  for (auto& r : st.resources) {
    for (auto it = r.directed.begin(); it != r.directed.end();) {
      auto target = jid::parse(*it);
      if (!target || !blocking::covers(added, *target)) {
        ++it;
        continue;
      }
      auto gone = xml::make_element("presence", std::string(ns::client));
      gone->set_attr("from", r.full.str());
      gone->set_attr("to", *it);
      gone->set_attr("type", "unavailable");
      route(self, gone);
      it = r.directed.erase(it);
    }
  }
}

// §3.4: subscribers that are no longer blocked get the current presence again.
void show_presence_to(user_actor* self, const blocking::jid_set& before) {
  for (const auto& [contact, item] : self->state.roster) {
    auto contact_jid = jid::parse(contact);
    if (item.from && contact_jid && blocking::covers(before, *contact_jid) &&
        !is_blocked(self, *contact_jid))
      send_presence_of_resources(self, contact, false);
  }
}

void block(user_actor* self, const jid& full, const xml::element_ptr& iq,
           std::vector<std::string> jids) {
  auto& st = self->state;
  // Blocking a JID twice is not an error (§3.3): only new entries are stored and pushed.
  std::erase_if(jids, [&](const std::string& j) { return st.blocked.count(j) > 0; });
  std::sort(jids.begin(), jids.end());
  jids.erase(std::unique(jids.begin(), jids.end()), jids.end());
  if (jids.empty()) {
    if (auto* r = find_resource(self, full)) deliver(self, *r, xml::make_iq_result(*iq));
    return;
  }
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::blocklist_add,
      caf::make_message(atoms::blocklist_add::value, st.vhost, st.bare.bare_str(), jids),
      [self, full, iq, jids](hooks::chain_result r) {
        auto& st = self->state;
        bool stored = r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
        auto* res = find_resource(self, full);
        if (!stored) {
          log::error("blocking", st.bare.bare_str(), ": the block list could not be stored");
          if (res)
            deliver(self, *res,
                    xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
          return resume(self);
        }
        if (res) deliver(self, *res, xml::make_iq_result(*iq));
        blocking::jid_set added(jids.begin(), jids.end());
        st.blocked.insert(added.begin(), added.end());
        push_change(self, blocking::action::block, jids);
        sync_blocking(self);
        // What this actor routes is not checked again by the router, so the unavailable
        // presence still reaches the contacts that are blocked now.
        st.busy = false;
        with_roster(self, [self, added] { hide_presence_from(self, added); });
        if (!st.busy) resume(self);
      });
}

void unblock(user_actor* self, const jid& full, const xml::element_ptr& iq,
             std::vector<std::string> jids) {
  auto& st = self->state;
  // Unblocking what is not blocked changes nothing; an empty <unblock/> means everything (§3.5).
  bool all = jids.empty();
  std::erase_if(jids, [&](const std::string& j) { return !st.blocked.count(j); });
  if (jids.empty() && (!all || st.blocked.empty())) {
    if (auto* r = find_resource(self, full)) deliver(self, *r, xml::make_iq_result(*iq));
    return;
  }
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::blocklist_remove,
      caf::make_message(atoms::blocklist_remove::value, st.vhost, st.bare.bare_str(),
                        all ? std::vector<std::string>{} : jids),
      [self, full, iq, jids, all](hooks::chain_result r) {
        auto& st = self->state;
        bool removed = r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
        auto* res = find_resource(self, full);
        if (!removed) {
          log::error("blocking", st.bare.bare_str(), ": the block list could not be changed");
          if (res)
            deliver(self, *res,
                    xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
          return resume(self);
        }
        if (res) deliver(self, *res, xml::make_iq_result(*iq));
        auto before = st.blocked;
        if (all)
          st.blocked.clear();
        else
          for (const auto& j : jids) st.blocked.erase(j);
        sync_blocking(self);
        push_change(self, blocking::action::unblock, all ? std::vector<std::string>{} : jids);
        st.busy = false;
        with_roster(self, [self, before] { show_presence_to(self, before); });
        if (!st.busy) resume(self);
      });
}

// §3.3: presence (notifications, subscriptions, probes) vanishes without an answer; a message and
// an IQ get/set get service-unavailable, so the user looks offline; other IQs vanish.
void refuse_blocked_sender(user_actor* self, const xml::element_ptr& stanza) {
  auto type = stanza->attr_or("type");
  const auto& kind = stanza->name();
  if (kind == "message" || (kind == "iq" && (type == "get" || type == "set")))
    bounce(self, stanza, xml::stanza_error::service_unavailable);
}

void pass_back(user_actor* self, const xml::element_ptr& stanza, int checked,
               caf::response_promise& done) {
  auto& router = self->state.router;
  if (done.pending())
    self->send(router, atoms::route_ok::value, stanza, checked, std::move(done));
  else
    self->send(router, atoms::route_ok::value, stanza, checked);
}

}  // namespace

void with_blocklist(user_actor* self, std::function<void()> then) {
  auto& st = self->state;
  if (st.blocklist_loaded) return then();
  if (st.hooks->chain(hooks::hook_id::blocklist_get).empty()) {
    st.blocklist_loaded = true;  // no storage on this vhost: nothing is ever blocked
    return then();
  }
  wait(self);
  hooks::run_chain(self, st.hooks, hooks::hook_id::blocklist_get,
                   caf::make_message(atoms::blocklist_get::value, st.vhost, st.bare.bare_str()),
                   [self, then = std::move(then)](hooks::chain_result r) {
                     auto& st = self->state;
                     if (r.failed) {
                       // Not cached: an unreadable list is not an empty one; the next event
                       // asks again. This event passes (a broken store must not end all mail).
                       log::error("blocking", st.bare.bare_str(),
                                  ": the block list could not be loaded");
                     } else {
                       if (r.handled && r.payload.match_elements<std::vector<std::string>>())
                         for (const auto& j : r.payload.get_as<std::vector<std::string>>(0))
                           if (auto parsed = jid::parse(j)) st.blocked.insert(parsed->str());
                       st.blocklist_loaded = true;
                       sync_blocking(self);
                     }
                     st.busy = false;
                     then();
                     if (!st.busy) resume(self);
                   });
}

bool is_blocked(user_actor* self, const jid& who) {
  return blocking::covers(self->state.blocked, who);
}

bool is_blocked(user_actor* self, std::string_view who) {
  if (self->state.blocked.empty()) return false;
  auto parsed = jid::parse(who);
  return parsed && is_blocked(self, *parsed);
}

void unless_blocked_sender(user_actor* self, const xml::element_ptr& stanza,
                           std::function<void()> deliver) {
  with_blocklist(self, [self, stanza, deliver = std::move(deliver)] {
    if (!is_blocked(self, stanza->attr_or("from"))) return deliver();
    refuse_blocked_sender(self, stanza);
  });
}

bool refuse_to_blocked(user_actor* self, const xml::element_ptr& stanza) {
  if (!is_blocked(self, stanza->attr_or("to"))) return false;
  // The refusal goes to the account's own resource "from" the blocked JID: it must pass the
  // inbound check too, which would drop it.
  if (auto error = blocking::blocked_error(*stanza))
    self->send(self->state.router, atoms::route_ok::value, error,
               blocking::checked_outbound | blocking::checked_inbound);
  return true;
}

void check_outbound(user_actor* self, const xml::element_ptr& stanza, int checked,
                    caf::response_promise done) {
  with_blocklist(self, [self, stanza, checked, done]() mutable {
    if (!refuse_to_blocked(self, stanza))
      return pass_back(self, stanza, checked | blocking::checked_outbound, done);
    if (done.pending()) done.deliver(true);  // refused: the sender has its error
  });
}

void check_inbound(user_actor* self, const xml::element_ptr& stanza, int checked,
                   caf::response_promise done) {
  with_blocklist(self, [self, stanza, checked, done]() mutable {
    if (!is_blocked(self, stanza->attr_or("from")))
      return pass_back(self, stanza, checked | blocking::checked_inbound, done);
    refuse_blocked_sender(self, stanza);
    if (done.pending()) done.deliver(true);  // refused: the sender has its error
  });
}

void handle_blocking_iq(user_actor* self, const jid& full, const xml::element_ptr& iq) {
  with_blocklist(self, [self, full, iq] {
    auto& st = self->state;
    auto* r = find_resource(self, full);
    if (!r) return;  // the session is gone: nobody to answer
    if (!st.blocklist_loaded)
      return deliver(self, *r,
                     xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
    auto request = blocking::parse_request(*iq);
    if (!request.valid)
      return deliver(self, *r, xml::make_error_reply(*iq, xml::stanza_error::bad_request));
    if (request.what == blocking::action::get) {
      r->wants_blocklist = true;
      return deliver(self, *r, xml::make_iq_result(*iq, blocking::blocklist_element(st.blocked)));
    }
    if (request.what == blocking::action::block) return block(self, full, iq, request.jids);
    unblock(self, full, iq, request.jids);
  });
}

}  // namespace djabberd::user
