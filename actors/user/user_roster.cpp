// Roster management (RFC 6121 §2) and roster versioning (XEP-0237) on the cached roster.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/roster/subscription.hpp"
#include "actors/server/metrics.hpp"
#include "actors/server/runtime_limits.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

std::shared_ptr<xml::element> roster_query(const std::string& version) {
  auto query = xml::make_element("query", std::string(ns::roster));
  query->set_attr("ver", version);
  return query;
}

// XEP-0237 version: the content hash (stable across restarts for an unchanged roster) plus the
// number of changes in this actor's life, so every push carries a version never used before.
std::string current_version(user_actor* self) {
  auto& st = self->state;
  return roster::roster_version(st.roster) + "-" + std::to_string(st.roster_changes);
}

// Sends one changed (or removed) item to every resource that asked for the roster (§2.1.6).
void push(user_actor* self, const xml::element_ptr& item) {
  auto& st = self->state;
  ++st.roster_changes;
  auto version = current_version(self);
  for (const auto& r : st.resources) {
    if (!r.interested) continue;
    auto query = roster_query(version);
    query->add_child(item);
    auto iq = xml::make_element("iq", std::string(ns::client));
    iq->set_attr("type", "set");
    iq->set_attr("id", "push" + std::to_string(++st.next_push));
    iq->set_attr("to", r.full.str());
    iq->add_child(xml::element_ptr{query});
    deliver(self, r, iq);
  }
}

void roster_get(user_actor* self, resource& r, const xml::element_ptr& iq,
                const xml::element& query) {
  auto& st = self->state;
  r.interested = true;
  auto version = current_version(self);
  // XEP-0237: a client holding the current version gets an empty result and no items.
  if (auto* ver = query.attr("ver"); ver && *ver == version)
    return deliver(self, r, xml::make_iq_result(*iq));
  auto result = roster_query(version);
  for (const auto& [_, item] : st.roster)
    if (item.in_roster) result->add_child(roster::item_element(item));
  deliver(self, r, xml::make_iq_result(*iq, result));
}

void reply(user_actor* self, const jid& full, const xml::element_ptr& stanza) {
  if (auto* r = find_resource(self, full)) deliver(self, *r, stanza);
}

// §2.5: removing an item cancels both subscription directions first.
void roster_remove(user_actor* self, const jid& full, const xml::element_ptr& iq,
                   const std::string& contact) {
  auto& st = self->state;
  auto it = st.roster.find(contact);
  if (it == st.roster.end() || !it->second.in_roster)
    return reply(self, full, xml::make_error_reply(*iq, xml::stanza_error::item_not_found));
  const auto item = it->second;
  auto presence = [&](const char* type) {
    auto p = xml::make_element("presence", std::string(ns::client));
    p->set_attr("from", st.bare.bare_str());
    p->set_attr("to", contact);
    p->set_attr("type", type);
    route(self, p);
  };
  if (item.to || item.pending_out) presence("unsubscribe");
  if (item.from || item.pending_in) presence("unsubscribed");
  if (item.from) send_presence_of_resources(self, contact, true);
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::roster_remove,
      caf::make_message(atoms::roster_remove::value, st.vhost, st.bare.bare_str(), contact),
      [self, full, iq, contact](hooks::chain_result r) {
        auto& st = self->state;
        bool ok = r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
        if (!ok) {
          log::error("roster", st.bare.bare_str(), ": removing ", contact, " failed in storage");
          reply(self, full, xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
          return resume(self);
        }
        st.roster.erase(contact);
        push(self, roster::removed_item_element(contact));
        reply(self, full, xml::make_iq_result(*iq));
        resume(self);
      });
}

void roster_set(user_actor* self, const jid& full, const xml::element_ptr& iq,
                const xml::element& query) {
  roster::roster_set request;
  if (auto error = roster::parse_roster_set(query, request))
    return reply(self, full, xml::make_error_reply(*iq, error->condition, error->text));
  if (request.remove) return roster_remove(self, full, iq, request.contact);
  // limits.max_roster_items counts every stored entry (pending subscriptions too); one hash
  // lookup and a size, so the check costs nothing measurable.
  const auto& roster = self->state.roster;
  if (!roster.count(request.contact) && roster.size() >= limits::max_roster_items()) {
    metrics::roster_cap_hit();
    return reply(
        self, full,
        xml::make_error_reply(*iq, xml::stanza_error::not_allowed,
                              "the roster is full (" + std::to_string(limits::max_roster_items()) +
                                  " items at most)"));
  }
  auto item = item_for(self, request.contact);
  item.name = request.name;
  item.groups = request.groups;
  item.in_roster = true;
  store_item(self, item, [self, full, iq](bool ok) {
    reply(self, full,
          ok ? xml::make_iq_result(*iq)
             : xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
  });
}

}  // namespace

roster::roster_item item_for(user_actor* self, const std::string& contact) {
  auto& roster = self->state.roster;
  if (auto it = roster.find(contact); it != roster.end()) return it->second;
  roster::roster_item item;
  item.contact = contact;
  item.in_roster = false;
  return item;
}

void store_item(user_actor* self, roster::roster_item item, std::function<void(bool)> then) {
  auto& st = self->state;
  bool erase = roster::is_empty(item);
  auto request =
      erase ? caf::make_message(atoms::roster_remove::value, st.vhost, st.bare.bare_str(),
                                item.contact)
            : caf::make_message(atoms::roster_set_item::value, st.vhost, st.bare.bare_str(), item);
  wait(self);
  hooks::run_chain(
      self, st.hooks, erase ? hooks::hook_id::roster_remove : hooks::hook_id::roster_set_item,
      std::move(request), [self, item, erase, then = std::move(then)](hooks::chain_result r) {
        auto& st = self->state;
        bool ok = r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
        if (!ok) {
          log::error("roster", st.bare.bare_str(), ": storing the item of ", item.contact,
                     " failed (no roster storage answered)");
        } else {
          bool was_visible = st.roster.count(item.contact) && st.roster[item.contact].in_roster;
          if (erase)
            st.roster.erase(item.contact);
          else
            st.roster[item.contact] = item;
          if (item.in_roster)
            push(self, roster::item_element(item));
          else if (was_visible)
            push(self, roster::removed_item_element(item.contact));
        }
        st.busy = false;
        then(ok);
        if (!st.busy) resume(self);
      });
}

void handle_roster_iq(user_actor* self, const jid& full, const xml::element_ptr& iq) {
  with_roster(
      self,
      [self, full, iq] {
        auto* r = find_resource(self, full);
        if (!r) return;  // the session is gone
        auto query = iq->first_child_element();
        auto type = iq->attr_or("type");
        if (type == "get") return roster_get(self, *r, iq, *query);
        if (type == "set") return roster_set(self, full, iq, *query);
      },
      [self, full, iq] {
        reply(self, full,
              xml::make_error_reply(*iq, xml::stanza_error::internal_server_error,
                                    "the roster store is not available"));
      });
}

}  // namespace djabberd::user
