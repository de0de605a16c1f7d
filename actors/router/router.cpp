// Router actor: bound sessions and the directory of account actors (one per active account).
#include "actors/router/router.hpp"

#include <optional>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/router/router_state.hpp"
#include "actors/user/blocking.hpp"
#include "actors/user/carbons.hpp"
#include "actors/user/user_actor.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::router {

using xml::element_ptr;

namespace {

void bounce(router_actor* self, const element_ptr& stanza, xml::stanza_error condition) {
  if (auto reply = xml::make_error_reply(*stanza, condition)) route(self, reply);
}

bool is_get_or_set(const element_ptr& stanza) {
  auto type = stanza->attr_or("type");
  return stanza->name() == "iq" && (type == "get" || type == "set");
}

}  // namespace

void to_user(router_actor* self, const jid& bare, caf::message msg) {
  // Messages for a retiring actor wait here even when the account moved to another node, so
  // they reach the new home after what the old actor still does, in order.
  if (auto it = self->state.retiring.find(bare.bare_str()); it != self->state.retiring.end())
    return it->second.push_back(std::move(msg));
  if (forward_to_home(self, bare, msg)) return;
  to_local_user(self, bare, std::move(msg));
}

void to_local_user(router_actor* self, const jid& bare, caf::message msg) {
  auto& st = self->state;
  auto key = bare.bare_str();
  if (auto it = st.retiring.find(key); it != st.retiring.end())
    return it->second.push_back(std::move(msg));
  if (hold_until_confirmed(self, bare, msg)) return;
  auto it = st.users.find(key);
  if (it == st.users.end()) {
    auto vhost = st.vhosts.find(bare.domain());
    if (vhost == st.vhosts.end()) return;
    auto actor = user::spawn_user(self->system(), bare.bare(), bare.domain(), vhost->second,
                                  caf::actor{self});
    self->monitor(actor);
    self->link_to(actor);  // account actors end with the router (shutdown)
    st.user_of[actor.address()] = key;
    it = st.users.emplace(key, std::move(actor)).first;
  }
  self->send(it->second, std::move(msg));
  if (st.draining) {
    self->send(it->second, atoms::retire::value);
    st.users.erase(it);
  }
}

void retire_user(router_actor* self, const std::string& key) {
  auto& st = self->state;
  auto it = st.users.find(key);
  if (it == st.users.end()) return;
  st.retiring[key];  // later messages for the account wait until this actor is gone
  share_flag(self, atoms::carbons::value, key, false);
  share_flag(self, atoms::blocking::value, key, false);
  self->send(it->second, atoms::retire::value);
  st.users.erase(it);
}

void set_flag(router_actor* self, caf::atom_value flag, const std::string& bare, bool on) {
  auto& set = flag == atoms::carbons::value ? self->state.carbons : self->state.blocking;
  if (on)
    set.insert(bare);
  else
    set.erase(bare);
}

namespace {

void check_drained(router_actor* self) {
  auto& st = self->state;
  if (st.draining && st.user_of.empty() && st.drained.pending()) st.drained.deliver(true);
}

// XEP-0280 sent carbons: a message from a resource of an account with carbons on goes to the
// account's actor too, which copies it to the other carbons-enabled resources.
void carbon_sent(router_actor* self, const element_ptr& stanza) {
  if (stanza->name() != "message") return;
  auto from = jid::parse(stanza->attr_or("from"));
  if (!from || from->is_bare() || !self->state.carbons.count(from->bare_str())) return;
  if (carbons::eligible(*stanza))
    to_user(self, from->bare(), caf::make_message(atoms::carbon_sent::value, stanza));
}

// XEP-0191: whether the block list of the sender (outbound) or of a local recipient (inbound)
// must be consulted first; if so, the stanza goes to that account's actor, which hands it back
// with (atoms::route_ok, stanza, checked | what it checked) unless it is refused. A pending `done`
// (XEP-0198) goes along, answered once the stanza is delivered, stored or refused.
bool needs_block_check(router_actor* self, const element_ptr& stanza, int checked, bool outbound,
                       const jid& to, caf::response_promise& done) {
  auto& blockers = self->state.blocking;
  if (blockers.empty()) return false;
  std::optional<jid> account;
  if (outbound) {
    if (checked & blocking::checked_outbound) return false;
    auto from = jid::parse(stanza->attr_or("from"));
    if (!from || from->local().empty() || !blockers.count(from->bare_str())) return false;
    account = from->bare();
  } else {
    if ((checked & blocking::checked_inbound) || !blockers.count(to.bare_str())) return false;
    account = to.bare();
  }
  auto check =
      outbound ? caf::atom_value{atoms::block_out::value} : caf::atom_value{atoms::block_in::value};
  if (done.pending()) {
    to_user(self, *account, caf::make_message(check, stanza, checked, std::move(done)));
    done = caf::response_promise{};
  } else {
    to_user(self, *account, caf::make_message(check, stanza, checked));
  }
  return true;
}

// The deliver hook: plugins may take a stanza before the built-in delivery; a declined stanza
// comes back to route() with `offered` set. Returns false when the vhost has no such handlers.
bool offer_to_plugins(router_actor* self, const element_ptr& stanza, const jid& to,
                      caf::response_promise& done) {
  auto& vhosts = self->state.vhosts;
  auto it = vhosts.find(to.domain());
  if (it == vhosts.end())
    if (auto from = jid::parse(stanza->attr_or("from"))) it = vhosts.find(from->domain());
  if (it == vhosts.end() || it->second->chain(hooks::hook_id::deliver).empty()) return false;
  hooks::run_chain(self, it->second, hooks::hook_id::deliver,
                   caf::make_message(atoms::deliver_hook::value, it->first, stanza),
                   [self, stanza, done](hooks::chain_result r) mutable {
                     if (!r.handled) return route(self, stanza, std::move(done), {true, 0, false});
                     if (done.pending()) done.deliver(true);
                   });
  done = caf::response_promise{};  // answered by the callback
  return true;
}

}  // namespace

void route(router_actor* self, const element_ptr& stanza, caf::response_promise done,
           route_steps steps) {
  // Every way out but the account actor's is final at once (delivered to a session, bounced or
  // dropped); answered here when the function returns without handing `done` on.
  struct answer_on_exit {
    caf::response_promise& rp;
    ~answer_on_exit() {
      if (rp.pending()) rp.deliver(true);
    }
  } answer{done};
  auto to = jid::parse(stanza->attr_or("to"));
  if (!to) return bounce(self, stanza, xml::stanza_error::jid_malformed);
  const int checked = steps.checked;
  if (!steps.offered && offer_to_plugins(self, stanza, *to, done)) return;
  if (needs_block_check(self, stanza, checked, true, *to, done)) return;
  // Once per stanza: a stanza back from an inbound block check, or relayed from another node, was
  // seen here or there before.
  if (!self->state.carbons.empty() && !(checked & blocking::checked_inbound) && !steps.relayed)
    carbon_sent(self, stanza);
  if (!self->state.vhosts.count(to->domain())) {
    // A remote domain: federation (actors/s2s) delivers it or bounces it.
    if (self->state.s2s) return self->send(self->state.s2s, atoms::route::value, stanza);
    return bounce(self, stanza, xml::stanza_error::remote_server_not_found);
  }
  if (to->local().empty()) {
    // Addressed to the server itself: sessions answer IQs to their own server directly, so what
    // arrives here came from elsewhere; get/set get an answer, the rest is dropped.
    if (is_get_or_set(stanza)) bounce(self, stanza, xml::stanza_error::service_unavailable);
    return;
  }
  const auto& kind = stanza->name();
  auto type = stanza->attr_or("type");
  // In a cluster the account's home node decides what is not for a session bound here.
  bool home_here = steps.relayed || !self->state.cluster.home_of(to->bare_str());
  if (!to->is_bare()) {
    // The fast path: a bound resource takes messages, IQs and plain presence itself.
    bool direct = kind != "presence" || type.empty() || type == "unavailable" || type == "error";
    auto* entry = self->state.sessions.find(*to);
    if (!entry && home_here) entry = self->state.remote.find(*to);
    if (entry && direct) {
      if (needs_block_check(self, stanza, checked, false, *to, done)) return;
      self->send(entry->session, atoms::deliver::value, stanza);
      if (!self->state.carbons.empty() && kind == "message" &&
          self->state.carbons.count(to->bare_str()) && carbons::eligible(*stanza))
        to_user(self, to->bare(), caf::make_message(atoms::carbon_copy::value, stanza));
      return;
    }
    if (!home_here && relay_to_home(self, stanza, *to, done)) return;
    // RFC 6121 §8.5.3.2: an IQ for a resource that is not there fails at once.
    if (kind == "iq") {
      if (is_get_or_set(stanza)) bounce(self, stanza, xml::stanza_error::service_unavailable);
      return;
    }
  }
  if (!home_here && relay_to_home(self, stanza, *to, done)) return;
  if (done.pending()) {
    to_local_user(self, to->bare(), caf::make_message(atoms::inbound::value, stanza, done));
    done = caf::response_promise{};
    return;
  }
  to_local_user(self, to->bare(), caf::make_message(atoms::inbound::value, stanza));
}

namespace {

// Admin kick: ends the session of a full JID, or every session of a bare JID, with
// <policy-violation/> and the reason as text. Returns how many sessions were told.
int kick(router_actor* self, const jid& target, const std::string& reason) {
  std::vector<caf::actor> victims;
  if (target.is_bare()) {
    for (const auto& entry : self->state.sessions.resources(target))
      victims.push_back(entry.session);
  } else if (auto* entry = self->state.sessions.find(target)) {
    victims.push_back(entry->session);
  }
  auto condition = static_cast<int>(xml::stream_error::policy_violation);
  for (const auto& session : victims)
    caf::anon_send(session, atoms::kick::value, condition, reason);
  return static_cast<int>(victims.size());
}

// Registers a bound resource; an older session on the same full JID is kicked (conflict).
caf::result<bool> bind_resource(router_actor* self, const jid& full, caf::actor session) {
  self->monitor(session);
  if (auto old = self->state.sessions.bind(full, session)) {
    log::info("router", full.str(), " bound again: replacing the older session");
    caf::anon_send(*old, atoms::kick::value, static_cast<int>(xml::stream_error::conflict));
    to_user(self, full.bare(), caf::make_message(atoms::unbind::value, full, old->address()));
  }
  to_user(self, full.bare(), caf::make_message(atoms::bind::value, full, session));
  if (self->state.cluster.active()) announce_standby(self, full, session);
  // In a cluster the session hears "bound" once the account's home node has the binding too
  // (the sync request follows the forwarded bind on the same link, so it is answered after it),
  // and a stanza routed to the new resource from any node right after finds it.
  if (const auto* home = self->state.cluster.home_of(full.bare_str())) {
    auto rp = self->make_response_promise<bool>();
    self->request(*home, std::chrono::seconds(5), atoms::cl_sync::value)
        .then([rp](bool) mutable { rp.deliver(true); },
              [rp](caf::error&) mutable { rp.deliver(true); });  // bound here all the same
    return rp;
  }
  return true;
}

// Whether the current message comes from the live account actor of `bare` (not a retired
// actor's late word).
bool from_current_actor(router_actor* self, const jid& bare) {
  auto it = self->state.users.find(bare.bare_str());
  return it != self->state.users.end() &&
         it->second == caf::actor_cast<caf::actor>(self->current_sender());
}

// A session or an account actor went away.
void on_down(router_actor* self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (on_cluster_down(self, msg)) return;
  if (auto it = st.user_of.find(msg.source); it != st.user_of.end()) {
    auto key = it->second;
    st.user_of.erase(it);
    share_flag(self, atoms::carbons::value, key, false);
    share_flag(self, atoms::blocking::value, key, false);
    if (auto u = st.users.find(key); u != st.users.end() && u->second.address() == msg.source) {
      log::error("router", "the actor of ", key, " failed: ", self->system().render(msg.reason));
      st.users.erase(u);
    }
    auto pending = st.retiring.find(key);
    if (pending == st.retiring.end()) return check_drained(self);
    auto queued = std::move(pending->second);
    st.retiring.erase(pending);
    auto bare = jid::parse(key);
    for (auto& m : queued)
      if (bare) to_user(self, *bare, std::move(m));
    return check_drained(self);
  }
  if (auto id = st.resumable_id_of.find(msg.source); id != st.resumable_id_of.end()) {
    st.resumable_by_id.erase(id->second);
    st.resumable_id_of.erase(id);
  }
  if (auto full = st.sessions.remove_session(msg.source))
    to_user(self, full->bare(), caf::make_message(atoms::unbind::value, *full, msg.source));
}

caf::behavior router_fun(router_actor* self, std::map<std::string, hooks::hook_table_ptr> vhosts,
                         caf::actor s2s) {
  self->state.vhosts = std::move(vhosts);
  self->state.s2s = std::move(s2s);
  self->set_down_handler([self](caf::down_msg& msg) { on_down(self, msg); });
  // A failing account actor is handled by on_down; any other exit request ends the router, and
  // through the links every account actor with it.
  self->set_exit_handler([self](caf::exit_msg& msg) {
    if (!self->state.user_of.count(msg.source)) self->quit(msg.reason);
  });
  return {
      [self](atoms::bind, const jid& full, caf::actor session) {
        return bind_resource(self, full, std::move(session));
      },
      [self](atoms::bind, const jid& full, caf::actor session,
             std::size_t max_resources) -> caf::result<bool> {
        // limits.max_sessions_per_account; replacing a bound resource adds none.
        const auto& bound = self->state.sessions;
        if (!bound.find(full) && bound.resources(full.bare()).size() >= max_resources) return false;
        return bind_resource(self, full, std::move(session));
      },
      [self](atoms::unbind, const jid& full, caf::actor session) {
        self->state.sessions.unbind(full, session.address());
        to_user(self, full.bare(),
                caf::make_message(atoms::unbind::value, full, session.address()));
      },
      [self](atoms::presence, const jid& full, int priority, bool available,
             const element_ptr& presence) {
        if (auto* entry = self->state.sessions.find(full)) {
          entry->presence = presence;  // re-announced if the account's home moves
          entry->priority = priority;
          entry->available = available;
        }
        to_user(self, full.bare(),
                caf::make_message(atoms::presence::value, full, priority, available, presence));
      },
      [self](atoms::outbound, const jid& full, const element_ptr& presence) {
        to_user(self, full.bare(), caf::make_message(atoms::outbound::value, full, presence));
      },
      [self](atoms::roster_iq, const jid& full, const element_ptr& iq) {
        to_user(self, full.bare(), caf::make_message(atoms::roster_iq::value, full, iq));
      },
      [self](atoms::route, const element_ptr& stanza) { route(self, stanza); },
      // Cluster: from the node actor and from other nodes' routers (router_cluster.cpp).
      [self](atoms::cl_members, const std::string& node, std::vector<std::string> names,
             std::vector<caf::actor> routers) {
        self->state.cluster.self = node;
        on_members(self, std::move(names), std::move(routers));
      },
      [self](atoms::cl_forward, const jid& bare, caf::message& msg) {
        on_forward(self, bare, std::move(msg));
      },
      // A forwarded message that carried a promise (XEP-0198) on its first node: it gets this
      // request's promise in its place, so the answer goes back once the work is done here.
      [self](atoms::cl_forward_ack, const jid& bare, caf::message& msg) -> caf::result<bool> {
        auto rp = self->make_response_promise();
        on_forward(self, bare, msg + caf::make_message(rp));
        return rp;
      },
      // A relayed stanza passed the deliver hook and the sender's block list on its first node.
      [self](atoms::cl_relay, const element_ptr& stanza) {
        route(self, stanza, {}, {true, blocking::checked_outbound, true});
      },
      [self](atoms::cl_relay_ack, const element_ptr& stanza) -> caf::result<bool> {
        auto rp = self->make_response_promise();
        route(self, stanza, rp, {true, blocking::checked_outbound, true});
        return rp;
      },
      [](atoms::cl_sync) { return true; },
      [self](atoms::cl_sync, const std::string& member) { return confirm_member(self, member); },
      [self](atoms::cl_standby, const jid& full, const caf::actor& session) {
        on_standby(self, full, session);
      },
      [self](atoms::cl_flag, caf::atom_value flag, const std::string& bare, bool on) {
        set_flag(self, flag, bare, on);
      },
      [self](atoms::info) { return describe_cluster(self); },
      [self](atoms::route_ack, const element_ptr& stanza) -> caf::result<bool> {
        auto rp = self->make_response_promise();
        route(self, stanza, rp);
        return rp;
      },
      [self](atoms::sm_register, const std::string& id, const jid& bare, caf::actor session) {
        auto& st = self->state;
        self->monitor(session);  // already monitored as a bound session; one more is harmless
        st.resumable_id_of[session.address()] = id;
        st.resumable_by_id[id] = router_state::resumable{std::move(session), bare.bare_str()};
      },
      [self](atoms::sm_lookup, const std::string& id, const jid& bare) {
        auto& st = self->state;
        auto it = st.resumable_by_id.find(id);
        if (it == st.resumable_by_id.end() || it->second.bare != bare.bare_str())
          return caf::actor{};
        return it->second.session;
      },
      // A resumed connection's session takes over a full JID: the registry and the account
      // actor swap the handle, with no unbind/bind (no presence broadcast).
      [self](atoms::sm_rebind, const jid& full, const caf::actor& previous, caf::actor fresh) {
        auto& st = self->state;
        self->monitor(fresh);
        if (auto id = st.resumable_id_of.find(previous.address()); id != st.resumable_id_of.end()) {
          auto key = id->second;
          st.resumable_id_of.erase(id);
          st.resumable_id_of[fresh.address()] = key;
          st.resumable_by_id[key].session = fresh;
        }
        if (auto* entry = st.sessions.find(full); entry && entry->session == previous) {
          auto kept = *entry;  // the presence stays (re-announced if the account's home moves)
          st.sessions.bind(full, fresh);
          if (auto* now = st.sessions.find(full)) {
            now->presence = kept.presence;
            now->priority = kept.priority;
            now->available = kept.available;
          }
          if (st.cluster.active()) announce_standby(self, full, fresh);
        }
        to_user(self, full.bare(),
                caf::make_message(atoms::sm_rebind::value, full, previous, fresh));
      },
      [self](atoms::route_ok, const element_ptr& stanza, int checked) {
        route(self, stanza, {}, {true, checked, false});
      },
      [self](atoms::route_ok, const element_ptr& stanza, int checked, caf::response_promise& done) {
        route(self, stanza, std::move(done), {true, checked, false});
      },
      [self](atoms::blocking_iq, const jid& full, const element_ptr& iq) {
        to_user(self, full.bare(), caf::make_message(atoms::blocking_iq::value, full, iq));
      },
      [self](atoms::account_gone, const jid& bare) {
        to_user(self, bare, caf::make_message(atoms::account_gone::value, bare));
      },
      [self](atoms::blocking, const jid& bare, bool on) {
        if (from_current_actor(self, bare))
          share_flag(self, atoms::blocking::value, bare.bare_str(), on);
      },
      [self](atoms::carbons_iq, const jid& full, const element_ptr& iq) {
        to_user(self, full.bare(), caf::make_message(atoms::carbons_iq::value, full, iq));
      },
      [self](atoms::carbons, const jid& bare, bool on) {
        if (from_current_actor(self, bare))
          share_flag(self, atoms::carbons::value, bare.bare_str(), on);
      },
      [self](atoms::idle, const jid& bare) {
        if (from_current_actor(self, bare)) retire_user(self, bare.bare_str());
      },
      [self](atoms::shutdown) -> caf::result<bool> {
        auto& st = self->state;
        st.draining = true;
        st.drained = self->make_response_promise();
        for (auto& [_, actor] : st.users) self->send(actor, atoms::retire::value);
        st.users.clear();
        check_drained(self);
        return st.drained;
      },
      [self](atoms::count) { return self->state.sessions.size(); },
      [self](atoms::kick, const jid& target, const std::string& reason) {
        return kick(self, target, reason);
      },
  };
}

}  // namespace

caf::actor spawn_router(caf::actor_system& sys, std::map<std::string, hooks::hook_table_ptr> vhosts,
                        caf::actor s2s) {
  return sys.spawn(router_fun, std::move(vhosts), std::move(s2s));
}

}  // namespace djabberd::router
