// The router actor's state, shared by its parts (router.cpp: local delivery and account actors;
// router_cluster.cpp: routing between cluster nodes).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/router/cluster_view.hpp"
#include "actors/router/registry.hpp"
#include "stanza/element.hpp"
#include "stanza/jid.hpp"

namespace caf {
class down_msg;
}

namespace djabberd::router {

struct router_state {
  registry sessions;
  std::map<std::string, hooks::hook_table_ptr> vhosts;
  /// Account actors by bare JID, and the reverse for their down messages.
  std::unordered_map<std::string, caf::actor> users;
  std::unordered_map<caf::actor_addr, std::string> user_of;
  /// Accounts whose actor was told to retire but has not quit yet: what arrives meanwhile waits
  /// here and goes to the next actor, so two actors never work on one account at once.
  std::unordered_map<std::string, std::deque<caf::message>> retiring;
  /// XEP-0280: accounts with a carbons-enabled resource, as their actors announce them
  /// (atoms::carbons). Only for these the router copies messages to the account actor
  /// (actors/user/user_carbons.cpp), so accounts without carbons cost one empty() check.
  std::unordered_set<std::string> carbons;
  /// XEP-0191: accounts with a non-empty block list, as their actors announce them
  /// (atoms::blocking). Their actors check what their resources send and what would reach a
  /// resource directly (actors/user/user_blocking.cpp); the rest costs one empty() check.
  /// In a cluster both sets hold the accounts of every node (their home routers share them), since
  /// a session may be bound on a node that is not its account's home.
  std::unordered_set<std::string> blocking;
  /// Graceful shutdown: every account actor is retired (finishing its queued work, e.g. storing
  /// offline messages) and the promise is delivered once the last one is gone.
  bool draining = false;
  caf::response_promise drained;
  /// The s2s manager: stanzas for domains not served here (unset: they bounce).
  caf::actor s2s;
  /// XEP-0198: sessions that can be resumed, by stream id, with their bare JID (a <resume/> only
  /// finds a session of the same account), and the reverse for their down messages.
  struct resumable {
    caf::actor session;
    std::string bare;
  };
  std::unordered_map<std::string, resumable> resumable_by_id;
  std::unordered_map<caf::actor_addr, std::string> resumable_id_of;

  // --- Cluster (router_cluster.cpp) ---------------------------------------------------------
  cluster_view cluster;
  /// Sessions on other nodes of accounts whose home is this node (their routers forwarded the
  /// bind); full-JID stanzas for them are delivered straight to the remote session actor.
  registry remote;
  /// Sessions on other nodes whose home is their own node and whose standby is this node: if
  /// their node dies, the account's new home speaks for them (unavailable to contacts).
  std::unordered_map<caf::actor_addr, jid> standby;
  /// After a membership change, sessions of accounts that moved here are announced by the nodes
  /// they are bound on, and a stanza for such an account may arrive from a third node before the
  /// announcement. So this router asks every other member's router to confirm the new view (each
  /// answers after its own announcements, on the same link); until all answered, stanzas for local
  /// account actors wait in `held`. `view_round` tells the rounds apart.
  std::uint64_t view_round = 0;
  std::size_t view_unconfirmed = 0;
  std::deque<std::pair<jid, caf::message>> held;
  /// Members that asked for a confirmation before this router saw them join.
  std::vector<std::pair<std::string, caf::response_promise>> view_waiters;

  static inline const char* name = "router";
};

using router_actor = caf::stateful_actor<router_state>;

// --- router.cpp -------------------------------------------------------------------------------
/// Sends `msg` to the account actor of `bare` on the account's home node.
void to_user(router_actor* self, const jid& bare, caf::message msg);
/// Sends `msg` to this node's account actor of `bare`, spawning it if there is none.
void to_local_user(router_actor* self, const jid& bare, caf::message msg);
/// What route() already did with a stanza.
struct route_steps {
  bool offered = false;  ///< the deliver hook declined it
  int checked = 0;       ///< the XEP-0191 block checks done (blocking::checked_*)
  bool relayed = false;  ///< another node's router sent it here as the home of its 'to'
};
/// Delivers a stanza whose 'from' is stamped. `done` (if pending) is answered once a session has
/// it or the account actor finished with it (delivered, stored offline or bounced): XEP-0198 acks
/// count only then.
void route(router_actor* self, const xml::element_ptr& stanza, caf::response_promise done = {},
           route_steps steps = {});
/// Tells the account actor of `key` to retire: later messages wait until it is gone.
void retire_user(router_actor* self, const std::string& key);

// --- router_cluster.cpp -----------------------------------------------------------------------
/// If the home of `bare` is another node, sends `msg` to that node's router and returns true.
bool forward_to_home(router_actor* self, const jid& bare, caf::message& msg);
/// If the home of `to` is another node: runs cluster.route, then (declined) relays the stanza to
/// the home's router, answering `done` once that router did (see route()). Returns false when
/// the home is this node.
bool relay_to_home(router_actor* self, const xml::element_ptr& stanza, const jid& to,
                   caf::response_promise& done);
/// An account actor of this node says whether its account has carbons (atoms::carbons) or a block
/// list (atoms::blocking) on: the other members' routers learn it too.
void share_flag(router_actor* self, caf::atom_value flag, const std::string& bare, bool on);
/// Sets or clears `bare` in the carbons or blocking set.
void set_flag(router_actor* self, caf::atom_value flag, const std::string& bare, bool on);
/// Another node's router forwarded `msg` for the account `bare`, homed here.
void on_forward(router_actor* self, const jid& bare, caf::message msg);
/// The node actor reports new members: re-home accounts, re-announce local sessions.
void on_members(router_actor* self, std::vector<std::string> names,
                std::vector<caf::actor> routers);
/// Another member's router asks whether this one sees it as a member (after a membership change,
/// see router_state::held): answered at once, or once it joins this router's view.
caf::result<bool> confirm_member(router_actor* self, const std::string& member);
/// Whether `msg` for a local account actor must wait for the view confirmations (then it is
/// queued and true is returned).
bool hold_until_confirmed(router_actor* self, const jid& bare, caf::message& msg);
/// A session of this node bound while its account's home is here: the standby node watches it.
void announce_standby(router_actor* self, const jid& full, const caf::actor& session);
/// Another node's router asks this one to watch a session (see router_state::standby).
void on_standby(router_actor* self, const jid& full, const caf::actor& session);
/// Handles the down message of a remote or standby session; false if it is neither.
bool on_cluster_down(router_actor* self, const caf::down_msg& msg);
/// Text lines for djabberctl cluster: this node's view, sessions and remote sessions.
std::string describe_cluster(router_actor* self);

}  // namespace djabberd::router
