// Routing between cluster nodes. Every account has one home node (rendezvous hashing of its bare
// JID over the live members) where its account actor runs; other nodes' routers send what is for
// the account there (one hop), and the home router delivers to sessions on any node directly
// (caf::actor handles are location-transparent).
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/router/router_state.hpp"
#include "actors/server/metrics.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::router {

namespace {

using xml::element_ptr;

// Shorter than the session's own wait for the ack (actors/c2s/session_sm.cpp): it hears the
// error from here, not from its own timeout.
constexpr auto relay_ack_timeout = std::chrono::seconds(25);

// How long stanzas for local accounts may wait for the other members' confirmations of a new
// view (a member that does not answer, e.g. one that died meanwhile, holds them no longer).
constexpr auto view_confirm_timeout = std::chrono::seconds(3);
// Confirmation requests kept for members this router has not seen join yet (the oldest go).
constexpr std::size_t max_view_waiters = 64;

std::optional<jid> full_jid(const std::string& bare_str, const std::string& resource) {
  auto bare = jid::parse(bare_str);
  return bare ? bare->with_resource(resource) : std::nullopt;
}

// Tells the (new) home of a local session's account about it: bind, then its last presence.
void announce_session(router_actor* self, const jid& full, const resource_entry& e) {
  auto bare = full.bare();
  to_user(self, bare, caf::make_message(atoms::bind::value, full, e.session));
  if (e.presence)
    to_user(self, bare,
            caf::make_message(atoms::presence::value, full, e.priority, e.available, e.presence));
}

void release_held(router_actor* self) {
  auto held = std::move(self->state.held);
  self->state.held.clear();
  for (auto& [bare, msg] : held) to_local_user(self, bare, std::move(msg));
}

void view_confirmed(router_actor* self, std::uint64_t round) {
  auto& st = self->state;
  if (round != st.view_round || st.view_unconfirmed == 0) return;  // an earlier round
  if (--st.view_unconfirmed == 0) release_held(self);
}

// Asks every other member to confirm the new view (see router_state::held).
void confirm_view(router_actor* self) {
  auto& st = self->state;
  auto round = ++st.view_round;
  st.view_unconfirmed = 0;
  for (const auto& router : st.cluster.routers) {
    if (router.address() == self->address()) continue;
    ++st.view_unconfirmed;
    self->request(router, view_confirm_timeout, atoms::cl_sync::value, st.cluster.self)
        .then([self, round](bool) { view_confirmed(self, round); },
              [self, round](caf::error&) { view_confirmed(self, round); });
  }
  if (st.view_unconfirmed == 0) release_held(self);
}

// Answers the members that asked before this router saw them join, now that it has announced
// its sessions to their new homes (the answers follow the announcements on each link).
void answer_view_waiters(router_actor* self) {
  auto& st = self->state;
  const auto& names = st.cluster.names;
  std::vector<std::pair<std::string, caf::response_promise>> still;
  for (auto& [member, rp] : st.view_waiters) {
    if (std::find(names.begin(), names.end(), member) != names.end())
      rp.deliver(true);
    else
      still.emplace_back(member, std::move(rp));
  }
  st.view_waiters = std::move(still);
}

}  // namespace

bool forward_to_home(router_actor* self, const jid& bare, caf::message& msg) {
  auto* home = self->state.cluster.home_of(bare.bare_str());
  if (!home) return false;
  metrics::cluster_forwarded();
  // A message carrying a promise (an acknowledged stanza for the account actor or its block
  // check): the promise cannot cross nodes, so the rest goes as a request the home router
  // answers once the work is done there.
  if (msg.size() > 1 && msg.match_element<caf::response_promise>(msg.size() - 1)) {
    auto done = msg.get_as<caf::response_promise>(msg.size() - 1);
    self->request(*home, relay_ack_timeout, atoms::cl_forward_ack::value, bare, msg.drop_right(1))
        .then([done](bool) mutable { done.deliver(true); },
              [done](caf::error& err) mutable { done.deliver(std::move(err)); });
    return true;
  }
  self->send(*home, atoms::cl_forward::value, bare, std::move(msg));
  return true;
}

bool relay_to_home(router_actor* self, const element_ptr& stanza, const jid& to,
                   caf::response_promise& done) {
  auto& st = self->state;
  auto* home = st.cluster.home_of(to.bare_str());
  if (!home) return false;
  // XEP-0198: a message a client wants acknowledged is relayed as a request, answered once the
  // home router has it delivered or stored (a promise cannot cross nodes).
  auto relay = [self, target = *home, stanza, done = done]() mutable {
    metrics::cluster_relayed();
    if (!done.pending()) return self->send(target, atoms::cl_relay::value, stanza);
    self->request(target, relay_ack_timeout, atoms::cl_relay_ack::value, stanza)
        .then([done](bool) mutable { done.deliver(true); },
              [done](caf::error& err) mutable { done.deliver(std::move(err)); });
  };
  auto answer = std::move(done);  // the relay (or a handling plugin) answers it
  done = caf::response_promise{};
  auto vhost = st.vhosts.find(to.domain());
  if (vhost == st.vhosts.end() || vhost->second->chain(hooks::hook_id::cluster_route).empty()) {
    relay();
    return true;
  }
  hooks::run_chain(self, vhost->second, hooks::hook_id::cluster_route,
                   caf::make_message(atoms::cluster_route::value, to.domain(),
                                     st.cluster.home_name(to.bare_str()), stanza),
                   [relay, answer](hooks::chain_result r) mutable {
                     if (!r.handled) return relay();
                     if (answer.pending()) answer.deliver(true);  // a plugin delivered it
                   });
  return true;
}

void share_flag(router_actor* self, caf::atom_value flag, const std::string& bare, bool on) {
  set_flag(self, flag, bare, on);
  auto& cluster = self->state.cluster;
  if (!cluster.active()) return;
  for (const auto& router : cluster.routers)
    if (router.address() != self->address())
      self->send(router, atoms::cl_flag::value, flag, bare, on);
}

void on_forward(router_actor* self, const jid& bare, caf::message msg) {
  auto& st = self->state;
  if (msg.match_elements<caf::atom_value, jid, caf::actor>() &&
      msg.get_as<caf::atom_value>(0) == atoms::bind::value) {
    const auto& full = msg.get_as<jid>(1);
    const auto& session = msg.get_as<caf::actor>(2);
    self->monitor(session);  // its node may die: then this router unbinds it
    auto old = st.remote.bind(full, session);
    if (old && *old != session) {
      caf::anon_send(*old, atoms::kick::value, static_cast<int>(xml::stream_error::conflict));
      to_local_user(self, bare, caf::make_message(atoms::unbind::value, full, old->address()));
    }
  } else if (msg.match_elements<caf::atom_value, jid, caf::actor_addr>() &&
             msg.get_as<caf::atom_value>(0) == atoms::unbind::value) {
    st.remote.unbind(msg.get_as<jid>(1), msg.get_as<caf::actor_addr>(2));
  } else if (msg.match_elements<caf::atom_value, jid, caf::actor, caf::actor>() &&
             msg.get_as<caf::atom_value>(0) == atoms::sm_rebind::value) {
    // XEP-0198 resumption on the session's node: the new session actor takes the resource.
    const auto& full = msg.get_as<jid>(1);
    if (auto* entry = st.remote.find(full); entry && entry->session == msg.get_as<caf::actor>(2)) {
      const auto& fresh = msg.get_as<caf::actor>(3);
      self->monitor(fresh);
      st.remote.bind(full, fresh);
    }
  }
  to_local_user(self, bare, std::move(msg));
}

void on_members(router_actor* self, std::vector<std::string> names,
                std::vector<caf::actor> routers) {
  auto& st = self->state;
  cluster_view old = st.cluster;
  st.cluster.names = std::move(names);
  st.cluster.routers = std::move(routers);
  log::info("cluster", "members: ", st.cluster.names.size(), " node(s)");
  // Local sessions whose account moved: the new home learns them (bind + presence); sessions
  // whose account is homed here get (possibly new) standby watchers.
  std::vector<std::pair<jid, resource_entry>> moved;
  std::vector<std::pair<jid, caf::actor>> watched;
  st.sessions.for_each([&](const std::string& bare_str, const resource_entry& e) {
    auto full = full_jid(bare_str, e.resource);
    if (!full) return;
    if (old.home_name(bare_str) != st.cluster.home_name(bare_str)) moved.emplace_back(*full, e);
    if (!st.cluster.home_of(bare_str)) watched.emplace_back(*full, e.session);
  });
  for (const auto& [full, e] : moved) announce_session(self, full, e);
  for (const auto& [full, session] : watched) announce_standby(self, full, session);
  // Account actors and remote sessions of accounts that now live elsewhere: the actors retire
  // (what arrives meanwhile is queued, then forwarded to the new home), the entries go.
  std::vector<std::string> gone;
  for (const auto& [key, _] : st.users)
    if (st.cluster.home_of(key)) gone.push_back(key);
  for (const auto& key : gone) retire_user(self, key);
  std::vector<std::string> remote_gone;
  st.remote.for_each([&](const std::string& bare_str, const resource_entry&) {
    if (st.cluster.home_of(bare_str)) remote_gone.push_back(bare_str);
  });
  for (const auto& key : remote_gone) st.remote.forget_account(key);
  // Every member learns the carbons and block-list flags of the accounts whose actors run here
  // (a node that just joined knows none).
  const caf::atom_value flags[] = {atoms::carbons::value, atoms::blocking::value};
  for (auto flag : flags) {
    const auto& set = flag == atoms::carbons::value ? st.carbons : st.blocking;
    std::vector<std::string> mine;
    for (const auto& key : set)
      if (st.users.count(key)) mine.push_back(key);
    for (const auto& key : mine) share_flag(self, flag, key, true);
  }
  answer_view_waiters(self);
  confirm_view(self);
}

caf::result<bool> confirm_member(router_actor* self, const std::string& member) {
  auto& st = self->state;
  const auto& names = st.cluster.names;
  if (std::find(names.begin(), names.end(), member) != names.end()) return true;
  if (st.view_waiters.size() >= max_view_waiters)
    st.view_waiters.erase(st.view_waiters.begin());  // its asker timed out long ago
  auto rp = self->make_response_promise();
  st.view_waiters.emplace_back(member, rp);
  return rp;
}

bool hold_until_confirmed(router_actor* self, const jid& bare, caf::message& msg) {
  auto& st = self->state;
  // Only stanzas wait: session announcements (bind, presence, unbind) must get through.
  if (st.view_unconfirmed == 0 || !msg.match_element<caf::atom_value>(0) ||
      msg.get_as<caf::atom_value>(0) != atoms::inbound::value)
    return false;
  st.held.emplace_back(bare, std::move(msg));
  return true;
}

void announce_standby(router_actor* self, const jid& full, const caf::actor& session) {
  if (auto* standby = self->state.cluster.standby_of(full.bare_str()))
    self->send(*standby, atoms::cl_standby::value, full, session);
}

void on_standby(router_actor* self, const jid& full, const caf::actor& session) {
  if (self->state.standby.emplace(session.address(), full).second) self->monitor(session);
}

bool on_cluster_down(router_actor* self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (auto full = st.remote.remove_session(msg.source)) {
    // A session on another node ended, or its node died (remote_link_unreachable): either way
    // the account actor here broadcasts its unavailable presence if needed.
    to_local_user(self, full->bare(), caf::make_message(atoms::unbind::value, *full, msg.source));
    return true;
  }
  auto it = st.standby.find(msg.source);
  if (it == st.standby.end()) return false;
  auto full = it->second;
  st.standby.erase(it);
  // A session that ended normally was unbound by its own node, which was the home.
  if (msg.reason != caf::exit_reason::remote_link_unreachable) return true;
  // Its node died with the account's home on it: the account's next home speaks for it.
  auto lost = caf::make_message(atoms::cl_lost::value, full);
  auto gone = st.cluster.name_of(msg.source.node());
  if (auto* home = st.cluster.home_without(full.bare_str(), gone))
    self->send(*home, atoms::cl_forward::value, full.bare(), std::move(lost));
  else
    to_local_user(self, full.bare(), std::move(lost));
  return true;
}

std::string describe_cluster(router_actor* self) {
  auto& st = self->state;
  auto line = [](const char* key, std::size_t n) {
    return std::string(key) + "=" + std::to_string(n) + "\n";
  };
  std::string out = "node=" + (st.cluster.self.empty() ? std::string("-") : st.cluster.self) + "\n";
  out += line("members", std::max<std::size_t>(1, st.cluster.names.size()));
  out += line("local_sessions", st.sessions.size());
  out += line("remote_sessions", st.remote.size());
  out += line("standby_sessions", st.standby.size());
  out += line("account_actors", st.users.size());
  return out;
}

}  // namespace djabberd::router
