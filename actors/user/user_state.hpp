// The state of one account's actor and the parts of its behaviour, each in its own file.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/caps/caps_cache.hpp"
#include "actors/hooks/hook_table.hpp"
#include "actors/pep/pep_node.hpp"
#include "actors/roster/roster_xml.hpp"
#include "actors/user/blocking.hpp"
#include "actors/user/carbons.hpp"
#include "stanza/element.hpp"
#include "stanza/jid.hpp"

namespace djabberd::user {

/// XEP-0115 entity capabilities announced in an available presence (<c hash='sha-1'/>).
struct caps_info {
  std::string node;
  std::string ver;  ///< empty: none announced (no PEP notifications, XEP-0163 §4.2)
};

/// One bound resource of the account.
struct resource {
  jid full;
  caf::actor session;
  bool available = false;  ///< sent available presence and not unavailable since
  int priority = 0;
  bool interested = false;         ///< asked for the roster: gets roster pushes (§2.1.6)
  xml::element_ptr last_presence;  ///< its last broadcast available presence (for probes)
  std::set<std::string> directed;  ///< JIDs it sent directed available presence to (§4.6)
  bool carbons = false;            ///< enabled XEP-0280 message carbons
  caps_info caps;                  ///< from its last available presence
  bool wants_blocklist = false;    ///< asked for the block list: gets its pushes (XEP-0191 §3.3)
};

struct user_state {
  static inline const char* name = "user";

  jid bare;
  std::string vhost;
  hooks::hook_table_ptr hooks;
  caf::actor router;

  std::vector<resource> resources;

  bool roster_loaded = false;
  roster::roster_map roster;
  std::optional<bool> exists;         ///< whether the account exists (asked once, lazily)
  xml::element_ptr last_unavailable;  ///< answer to probes while offline (§4.3.2)

  /// Work runs one item at a time: an item that waits for storage sets `busy`, and later items
  /// (in arrival order) wait behind it, so every change to the account's state is ordered.
  std::deque<std::function<void()>> queue;
  bool busy = false;
  std::uint64_t generation = 0;  ///< bumped by every piece of work (idle detection)
  bool retiring = false;
  std::uint64_t next_push = 0;       ///< ids of roster pushes
  std::uint64_t roster_changes = 0;  ///< changes pushed since the roster was loaded (XEP-0237)
  bool carbons_on = false;           ///< the router was told that a resource has carbons enabled

  // XEP-0163 PEP (user_pep*.cpp): the account's nodes, loaded once (pep.get_nodes) and kept.
  bool pep_loaded = false;
  std::map<std::string, pep::node> pep_nodes;
  /// Available resources of contacts whose presence reached the account, with their caps.
  std::map<std::string, caps_info> contact_resources;
  /// Full JIDs (own or contacts') that still get the last published items once their caps
  /// features are known (XEP-0163 §4.3.4).
  std::set<std::string> owed_last_items;
  /// disco#info queries this actor sent for caps: IQ id -> ver.
  std::map<std::string, std::string> caps_queries;
  std::uint64_t next_pep_id = 0;
  /// XEP-0012: the last logout (unix seconds, status) once known (user_last.cpp).
  std::optional<std::pair<std::int64_t, std::string>> last_logout;
  bool blocklist_loaded = false;  ///< `blocked` holds the stored block list (XEP-0191)
  blocking::jid_set blocked;
  bool blocking_on = false;  ///< the router was told that the block list is not empty
  bool removed = false;      ///< the account was removed: retire as soon as no resource is left
};

using user_actor = caf::stateful_actor<user_state>;

// --- Work queue (user_actor.cpp) ---------------------------------------------------------------
/// Runs `work` now, or after the work queued before it.
void submit(user_actor* self, std::function<void()> work);
/// Marks the current work as waiting for an answer; `resume` ends the wait and runs the queue.
void wait(user_actor* self);
void resume(user_actor* self);
/// Runs `then` with the roster loaded (roster.get once per actor life). If the storage fails,
/// `on_failure` runs instead (the event is dropped, logged; a client request gets an error).
void with_roster(user_actor* self, std::function<void()> then,
                 std::function<void()> on_failure = {});
/// Runs `then` once whether the account exists is known (auth.user_exists; bound => exists).
void with_existence(user_actor* self, std::function<void()> then);
/// Sends a stanza to its 'to' through the router.
void route(user_actor* self, xml::element_ptr stanza);
/// Hands a stanza to one bound session.
void deliver(user_actor* self, const resource& r, const xml::element_ptr& stanza);
resource* find_resource(user_actor* self, const jid& full);

// --- Roster (user_roster.cpp) -------------------------------------------------------------------
void handle_roster_iq(user_actor* self, const jid& full, const xml::element_ptr& iq);
/// Stores `item` (or deletes it when it carries nothing) and then pushes it to interested
/// resources if it is visible; `then(ok)` runs after the storage answered.
void store_item(user_actor* self, roster::roster_item item, std::function<void(bool)> then);
/// The item for `contact`, or a new hidden one (not yet in the map).
roster::roster_item item_for(user_actor* self, const std::string& contact);

// --- Presence (user_presence.cpp) ---------------------------------------------------------------
void handle_broadcast_presence(user_actor* self, const jid& full, int priority, bool available,
                               const xml::element_ptr& presence);
void handle_directed_presence(user_actor* self, const jid& full, const xml::element_ptr& presence);
void handle_inbound_presence(user_actor* self, const xml::element_ptr& presence);
/// A resource went away: unavailable broadcast if it was available, then forget it.
void resource_gone(user_actor* self, const jid& full, const caf::actor_addr& session);
/// Cluster: a resource of the account vanished with its node while the account's home was there
/// too; unless it is bound again, its contacts get unavailable presence from it.
void resource_lost(user_actor* self, const jid& full);
/// Sends the current presence of every available resource (or `type` = "unavailable" from each)
/// to `to` (after a subscription approval or cancellation, §3.1.5, §3.2.2).
void send_presence_of_resources(user_actor* self, const std::string& to, bool unavailable);

// --- Subscriptions (user_subscription.cpp) ------------------------------------------------------
void handle_outbound_subscription(user_actor* self, const xml::element_ptr& presence);
void handle_inbound_subscription(user_actor* self, const xml::element_ptr& presence);
/// Delivers the stored pending inbound requests to a resource (§3.1.3, at its initial presence).
void redeliver_pending_requests(user_actor* self, const resource& r);

// --- Messages and IQs (user_messages.cpp, user_iq.cpp) ------------------------------------------
void handle_inbound_message(user_actor* self, const xml::element_ptr& message);
/// Delivers stored offline messages to a resource that just became available (XEP-0160).
void deliver_offline(user_actor* self, const jid& full);
void handle_inbound_iq(user_actor* self, const xml::element_ptr& iq);
// --- Message carbons, XEP-0280 (user_carbons.cpp) -----------------------------------------------
void handle_carbons_iq(user_actor* self, const jid& full, const xml::element_ptr& iq);
/// Tells the router whether any resource has carbons enabled, if that changed.
void sync_carbons(user_actor* self);
/// Sends the copy of `message` to every available carbons-enabled resource except `skip`.
void send_carbons(user_actor* self, carbons::direction d, const xml::element_ptr& message,
                  const std::vector<const resource*>& skip);

// --- PEP, XEP-0163 (user_pep.cpp, user_pep_notify.cpp) and caps, XEP-0115 (user_pep_caps.cpp) --
/// Whether the vhost enabled PEP (it lists the `pep` plugin).
bool pep_enabled(user_actor* self);
/// How `who` relates to the account for access models (roster 'from' = subscriber).
pep::relation pep_relation(user_actor* self, const jid& who);
/// A pubsub or pubsub#owner IQ get/set to the account's bare JID.
void handle_pep_iq(user_actor* self, const jid& from, const xml::element_ptr& iq);
/// disco#items to the account: the disco.account_items hook plus the nodes `from` may see.
void handle_disco_items(user_actor* self, const jid& from, const xml::element_ptr& iq);
/// Runs `then` with the nodes loaded (pep.get_nodes once per actor life); `on_failure` instead if
/// the storage failed (nothing is cached, the next request retries).
void with_pep_nodes(user_actor* self, std::function<void()> then,
                    std::function<void()> on_failure = {});
/// Sends a notification about `node` (an <items/>, <delete/> ... child of the pubsub#event) to
/// every available resource, own or contact, that may access it and wants `node`+notify.
void notify_pep(user_actor* self, const pep::node& node, const xml::element_ptr& event_child);
/// An own resource's available presence: its caps; the first one (`initial`) also gets the last
/// item of each node it wants (§4.3.4), once its caps are known.
void pep_resource_available(user_actor* self, const jid& full, const xml::element_ptr& presence,
                            bool initial);
/// A contact's presence reached the account: tracks its available resources and their caps; a
/// resource that just became available gets the last items it may access and wants.
void pep_contact_presence(user_actor* self, const xml::element_ptr& presence);
/// Sends the owed last items to the full JIDs whose caps `ver` just became known.
void pay_owed_last_items(user_actor* self, const std::string& ver);
/// The caps of `presence`; asks the full JID about an unknown ver (once per server).
caps_info read_caps(user_actor* self, const std::string& full, const xml::element_ptr& presence);
/// The features of a caps ver, or nullptr while unknown.
caps::features_ptr caps_features(const caps_info& caps);
/// A result or error to one of this actor's caps queries; false if `iq` is not one.
bool handle_caps_answer(user_actor* self, const xml::element_ptr& iq);
/// Checks again whether another actor learned `ver` (atoms::caps_recheck).
void caps_recheck(user_actor* self, const std::string& ver, int attempt);

// --- Last activity, XEP-0012 (user_last.cpp) ---------------------------------------------------
/// Whether the vhost lists the `last` plugin.
bool last_enabled(user_actor* self);
/// jabber:iq:last to the account: 0 seconds while online, else since its last logout; only for
/// the account itself and its presence subscribers (else forbidden).
void handle_last_iq(user_actor* self, const jid& from, const xml::element_ptr& iq);
/// A resource went unavailable: if none is left, stores the time and status (last.set).
void record_logout(user_actor* self, const xml::element_ptr& unavailable);
// --- Blocking command, XEP-0191 (user_blocking.cpp) ---------------------------------------------
void handle_blocking_iq(user_actor* self, const jid& full, const xml::element_ptr& iq);
/// Runs `then` with the block list loaded (blocklist.get once per actor life; no storage = empty).
/// A failed read is not cached: `then` runs with an empty list this time, and the next call asks
/// again.
void with_blocklist(user_actor* self, std::function<void()> then);
/// Whether the block list covers `who` (cheap when the list is empty).
bool is_blocked(user_actor* self, const jid& who);
bool is_blocked(user_actor* self, std::string_view who);
/// A stanza from someone else for the account: runs `deliver` unless its sender is blocked, in
/// which case it is refused as XEP-0191 §3.3 says (message/IQ get/set: service-unavailable).
void unless_blocked_sender(user_actor* self, const xml::element_ptr& stanza,
                           std::function<void()> deliver);
/// A stanza one of the account's resources sends: refused with <not-acceptable/><blocked/> when
/// its 'to' is blocked (returns true), else false.
bool refuse_to_blocked(user_actor* self, const xml::element_ptr& stanza);
/// The router's block checks (atoms::block_out / block_in): the stanza goes back to the router as
/// (atoms::route_ok, stanza, checked | this check[, done]) unless the block list refuses it. A
/// pending `done` (XEP-0198) goes on with it, or is answered here when the stanza is refused.
void check_outbound(user_actor* self, const xml::element_ptr& stanza, int checked,
                    caf::response_promise done);
void check_inbound(user_actor* self, const xml::element_ptr& stanza, int checked,
                   caf::response_promise done);

/// Returns an error for `stanza` to its sender.
void bounce(user_actor* self, const xml::element_ptr& stanza, xml::stanza_error condition,
            std::string_view text = {});

}  // namespace djabberd::user
