// The catalog of hooks: names, request shapes and what happens when every handler declines.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace djabberd::hooks {

/// Every hook the server runs. A misspelled hook is a compile error; docs/hooks.md documents each.
enum class hook_id : std::uint8_t {
  /// Request (atoms::auth_get_secret, std::string vhost, std::string username, auth::hash_algo).
  /// handled: auth::scram_credentials. All declined: the user is unknown.
  auth_get_secret,
  /// Request (atoms::auth_check_password, std::string vhost, std::string username, std::string pw).
  /// handled: bool accepted. All declined: rejected.
  auth_check_password,
  /// Request (atoms::auth_authorize, std::string vhost, std::string authcid, std::string authzid).
  /// handled: bool allowed. All declined: allowed only if authzid is empty or the user's own JID.
  auth_authorize,
  /// Request (atoms::auth_user_exists, std::string vhost, std::string username).
  /// handled: bool exists. All declined: does not exist.
  auth_user_exists,
  /// Request (atoms::c2s_filter, std::string vhost, jid session_jid, xml::element_ptr stanza).
  /// First-answer. handled: drop the stanza silently. All declined: the stanza is processed.
  c2s_filter,
  /// Request (atoms::iq_c2s, std::string vhost, jid session_jid, xml::element_ptr iq).
  /// First-answer. handled: xml::element_ptr reply the session writes. All declined: built-ins.
  iq_c2s,
  /// Request (atoms::pre_write, std::string vhost, jid session_jid, xml::element_ptr stanza).
  /// Transform. handled: xml::element_ptr replacement (nullptr drops). All declined: unchanged.
  outbound_pre_write,
  /// Request (atoms::stream_features, std::string vhost, std::string username).
  /// Collect. handled: xml::element_ptr feature, appended to <stream:features/> after bind.
  stream_features,
  /// Request (atoms::session_bound, std::string vhost, jid full, caf::actor session). Notify.
  session_bound,
  /// Request (atoms::session_unbound, std::string vhost, jid full, caf::actor session,
  /// std::string reason). Notify.
  session_unbound,
  /// Request (atoms::initial_presence, std::string vhost, jid full, caf::actor session). Notify:
  /// the resource sent its first available presence (after the core's broadcast and probes).
  session_initial_presence,

  // --- Roster storage (the user actor caches the roster while it lives) -----------------------
  /// Request (atoms::roster_get, std::string vhost, std::string owner_bare).
  /// handled: roster_items (every stored item, hidden pending-in entries included).
  /// All declined: an empty roster.
  roster_get,
  /// Request (atoms::roster_set_item, std::string vhost, std::string owner_bare, roster_item).
  /// Stores the item exactly as given (insert or replace by contact). handled: bool stored.
  /// All declined or false: the change is refused (internal-server-error to a roster set).
  roster_set_item,
  /// Request (atoms::roster_remove, std::string vhost, std::string owner_bare, std::string
  /// contact).
  /// handled: bool removed. All declined or false: internal-server-error to the roster set.
  roster_remove,
  /// Request (atoms::roster_wipe, std::string vhost, std::string owner_bare): account removal.
  /// handled: bool. All declined: nothing stored is removed.
  roster_wipe,

  // --- Offline messages (XEP-0160) --------------------------------------------------------------
  /// Request (atoms::offline_store, std::string vhost, std::string owner_bare,
  /// xml::element_ptr message) with its <delay/> stamp already added. handled: bool stored
  /// (false: the owner's quota is full). All declined: service-unavailable to the sender.
  offline_store,
  /// Request (atoms::offline_fetch, std::string vhost, std::string owner_bare).
  /// handled: (xml::element_list messages, std::vector<std::int64_t> ids) oldest first.
  /// All declined: nothing to deliver.
  offline_fetch,
  /// Request (atoms::offline_remove, std::string vhost, std::string owner_bare,
  /// std::vector<std::int64_t> ids):
  /// the messages were written to a session. handled: bool.
  offline_remove,

  // --- Presence ---------------------------------------------------------------------------------
  /// Request (atoms::presence_alter, std::string vhost, jid full) + value (xml::element_ptr).
  /// Transform on a client's available presence (broadcast or directed) before it goes out.
  /// handled: xml::element_ptr replacement (nullptr: send nothing). All declined: unchanged.
  presence_alter_available,
  /// Same for unavailable presence (also the one the server makes when a session ends).
  presence_alter_unavailable,

  // --- IQs to accounts, service discovery ------------------------------------------------------
  /// Request (atoms::iq_account, std::string vhost, jid from, xml::element_ptr iq): an IQ get/set
  /// from someone else to a local account's bare JID (RFC 6121 §8.5.2.1.3). handled:
  /// xml::element_ptr reply. All declined: disco#info built-in, else service-unavailable.
  iq_account,
  /// Request (atoms::disco_info, std::string vhost, std::string node). Collect. handled:
  /// xml::element_ptr, a disco#info <query/> whose <identity/>, <feature/> and <x/> children are
  /// merged into the server's answer. The core adds identity server/im and its own features.
  disco_server_info,
  /// Request (atoms::disco_items, std::string vhost, std::string node). Collect. handled:
  /// xml::element_ptr, a disco#items <query/> whose <item/> children are merged.
  disco_server_items,
  /// Request (atoms::disco_account, std::string vhost, jid requester, std::string target_bare).
  /// Collect, as disco_server_info, for disco#info to an account's bare JID; asked only when the
  /// requester is the account itself or subscribed to its presence.
  disco_account_info,

  // --- vCard and private XML storage ------------------------------------------------------------
  /// Request (atoms::vcard_get, std::string vhost, std::string owner_bare).
  /// handled: xml::element_ptr <vCard xmlns='vcard-temp'/> (nullptr: none stored).
  /// All declined: an empty vCard.
  vcard_get,
  /// Request (atoms::vcard_set, std::string vhost, std::string owner_bare, xml::element_ptr vcard).
  /// handled: bool stored. All declined: service-unavailable.
  vcard_set,
  /// Request (atoms::private_get, std::string vhost, std::string owner_bare, std::string key) with
  /// key "{namespace}name". handled: xml::element_ptr (nullptr: none stored). All declined: the
  /// empty element.
  private_get,
  /// Request (atoms::private_set, std::string vhost, std::string owner_bare, xml::element_ptr
  /// element). handled: bool stored. All declined: internal-server-error.
  private_set,
  // --- Cluster ----------------------------------------------------------------------------------
  /// Request (atoms::cluster_route, std::string vhost, std::string home_node,
  /// xml::element_ptr stanza): the router is about to relay the stanza to the home node of its
  /// 'to'. First-answer. handled: the plugin delivered it (the router does nothing more).
  /// All declined: the stanza goes to the home node's router.
  cluster_route,
};

/// Number of hooks in the catalog.
inline constexpr std::size_t hook_count = 29;
static_assert(static_cast<std::size_t>(hook_id::cluster_route) + 1 == hook_count,
              "hook_count must follow the last hook_id");

/// The documented name of a hook, e.g. "auth.get_secret".
std::string_view name(hook_id id);

/// Looks a hook up by its documented name.
std::optional<hook_id> from_name(std::string_view name);

}  // namespace djabberd::hooks
