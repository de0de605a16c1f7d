// The state of one account's actor and the parts of its behaviour, each in its own file.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/roster/roster_xml.hpp"
#include "actors/user/carbons.hpp"
#include "stanza/element.hpp"
#include "stanza/jid.hpp"

namespace djabberd::user {

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

/// Returns an error for `stanza` to its sender.
void bounce(user_actor* self, const xml::element_ptr& stanza, xml::stanza_error condition,
            std::string_view text = {});

}  // namespace djabberd::user
