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
  /// Request (atoms::sasl_mechanisms, std::string vhost, std::vector<std::string> offered, bool
  /// encrypted, std::string peer): the SASL mechanisms the core is about to offer a client.
  /// First-answer. handled: std::vector<std::string>, the ones to offer (in that order; names
  /// the core does not offer are ignored); the others are refused with <invalid-mechanism/>.
  /// All declined: every built-in mechanism the auth chains back.
  auth_sasl_mechanisms,
  /// Request (atoms::c2s_filter, std::string vhost, jid session_jid, xml::element_ptr stanza).
  /// First-answer. handled: drop the stanza silently. All declined: the stanza is processed.
  c2s_filter,
  /// Request (atoms::c2s_route, std::string vhost, jid session_jid, xml::element_ptr stanza):
  /// a client stanza that passed c2s.filter and the core's checks ('from' stamped, 'to'
  /// prepared), before the core routes it. First-answer. handled: the plugin consumed it;
  /// xml::element_ptr reply the session writes to the client (nullptr: none). All declined: the
  /// core answers or routes it.
  c2s_route,
  /// Request (atoms::deliver_hook, std::string vhost, xml::element_ptr stanza): the router is
  /// about to deliver a stanza ('from' stamped, 'to' valid); vhost is the domain of 'to' when it
  /// is local, else the sender's. First-answer. handled: the plugin delivered (or deliberately
  /// dropped) it. All declined: the built-in delivery (sessions, accounts, offline storage,
  /// remote servers, bounces).
  deliver,
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
  /// Request (atoms::unknown_element, std::string vhost, jid session_jid, xml::element_ptr
  /// element): a top-level element of a bound stream that is no stanza and no nonza the server
  /// knows. First-answer. handled: xml::element_ptr to write back (nullptr: nothing). All declined:
  /// stream error <unsupported-stanza-type/>.
  stream_unknown_element,

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
  /// Request (atoms::presence_collect, std::string vhost, std::string owner_bare, jid prober):
  /// a subscribed contact probes the account (RFC 6121 §4.3.2). Collect. handled:
  /// xml::element_list, presences 'from' full JIDs of the account (the core sets 'to'), sent
  /// besides those of the account's available resources. All declined: the resources' presence
  /// only (or the last unavailable presence when none is available and no part came back).
  presence_collect,
  /// Request (atoms::probe_plan, std::string vhost, jid full, std::vector<std::string> contacts):
  /// a resource sent its initial presence; `contacts` are the bare JIDs the core would probe
  /// (subscription to/both). First-answer. handled: the plugin took care of it, the core sends
  /// no probes. All declined: the core probes each contact from the account's bare JID.
  presence_probe_plan,

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

  // --- Administration and plugins ---------------------------------------------------------------
  /// Request (atoms::admin_command, std::string vhost, std::vector<std::string> words): an admin
  /// request (djabberctl plugin WORDS...) that no built-in command takes; words[0] names it.
  /// First-answer, asked on each vhost in config order. handled: std::string output (lines).
  /// All declined everywhere: the request is refused as unknown.
  admin_command,
  /// Request (atoms::stats_collect, std::string vhost). Collect. handled: stat_samples, a plugin's
  /// own counters (name, value), shown by `djabberctl stats` and the Prometheus endpoint.
  stats_collect,
  /// Request (atoms::plugin_lookup, std::string vhost, std::string plugin): one plugin needs
  /// another's actor. First-answer. handled: caf::actor. All declined: the core answers with the
  /// first handler the named plugin registered on the vhost, else an invalid actor.
  plugin_lookup,
  // --- Service discovery of accounts, avatars, last activity ------------------------------------
  /// Request (atoms::disco_account_items, std::string vhost, jid requester, std::string
  /// target_bare). Collect, as disco_server_items, for disco#items to an account's bare JID
  /// (asked for every requester; the core adds the PEP nodes the requester may see).
  disco_account_items,
  /// Request (atoms::avatar_hash, std::string vhost, std::string owner_bare). First-answer.
  /// handled: std::string, the hex SHA-1 of the account's vCard photo ("" = no photo).
  /// All declined: no XEP-0153 update element is added to presence.
  avatar_hash,
  /// Request (atoms::last_get, std::string vhost, std::string owner_bare). First-answer.
  /// handled: (std::int64_t logout_unix_seconds, std::string status) of the account's last
  /// logout. All declined: unknown (iq:last to an offline contact answers item-not-found).
  last_get,
  /// Request (atoms::last_set, std::string vhost, std::string owner_bare, std::int64_t
  /// logout_unix_seconds, std::string status): the account's last resource went offline.
  /// handled: bool stored. All declined: nothing is stored.
  last_set,

  // --- PEP storage (XEP-0163; the account actor caches the nodes while it lives) ---------------
  /// Request (atoms::pep_get_nodes, std::string vhost, std::string owner_bare).
  /// handled: pep::node_list, every stored node with its configuration and stored items (oldest
  /// first). All declined: no nodes. A failed handler is not "no nodes": requests fail.
  pep_get_nodes,
  /// Request (atoms::pep_set_node, std::string vhost, std::string owner_bare, std::string node,
  /// pep::node_config): create or reconfigure a node (drop items beyond max_items, all items when
  /// persist_items is off). handled: bool stored. All declined: kept in memory only.
  pep_set_node,
  /// Request (atoms::pep_publish, std::string vhost, std::string owner_bare, std::string node,
  /// pep::node_config, pep::item): store the item (replacing one with its id) in the node,
  /// creating the node with the configuration if missing, then drop the oldest items beyond
  /// max_items. Only sent for nodes with persist_items. handled: bool stored. All declined: kept
  /// in memory only.
  pep_publish,
  /// Request (atoms::pep_retract, std::string vhost, std::string owner_bare, std::string node,
  /// std::string item_id). handled: bool stored. All declined: kept in memory only.
  pep_retract,
  /// Request (atoms::pep_delete_node, std::string vhost, std::string owner_bare, std::string
  /// node): the node and its items. handled: bool stored. All declined: kept in memory only.
  pep_delete_node,

  // --- Server-to-server federation (actors/s2s) ------------------------------------------------
  /// Request (atoms::s2s_allow, std::string vhost, std::string remote_domain, bool inbound).
  /// First-answer. handled: bool allowed (false: refuse federation with that domain: outbound
  /// stanzas bounce with remote-server-not-found, inbound dialback/SASL is refused).
  /// All declined: allowed.
  s2s_allow,
  /// Request (atoms::s2s_filter, std::string vhost, std::string remote_domain,
  /// xml::element_ptr stanza): a stanza from a remote server, after its addresses were checked.
  /// First-answer. handled: drop it silently. All declined: it is routed.
  s2s_filter,
  /// Request (atoms::s2s_out_filter, std::string vhost, std::string remote_domain,
  /// xml::element_ptr stanza): a stanza about to be written to a remote server.
  /// First-answer. handled: drop it silently. All declined: it is sent.
  s2s_out_filter,
  /// Request (atoms::iq_s2s, std::string vhost, std::string remote_domain, xml::element_ptr iq):
  /// an IQ get/set from a remote server to the vhost's domain JID. First-answer.
  /// handled: xml::element_ptr reply. All declined: disco#info built-in, else
  /// service-unavailable.
  iq_s2s,
  /// Request (atoms::tls_verify_peer, std::string vhost, std::string remote_domain, bool chain_ok,
  /// bool name_ok, std::string verify_error): the certificate verdict for a remote server.
  /// First-answer. handled: bool trusted (overrides). All declined: trusted = chain_ok && name_ok.
  tls_verify_peer,
  /// Request (atoms::dialback_secret, std::string vhost). First-answer. handled: std::string
  /// secret for the vhost's XEP-0185 dialback keys. All declined: s2s.dialback_secret, or a
  /// random per-process secret.
  s2s_dialback_secret,
  /// Request (atoms::s2s_resolve, std::string vhost, std::string remote_domain). First-answer.
  /// handled: std::string "host:port[ host:port...]" to connect to in order (prefix "tls:" for
  /// direct TLS). All declined: the resolver actor ([s2s.routes], then DNS SRV).
  s2s_resolve,

  // --- Sessions, continued (appended: existing hook numbers stay) ------------------------------
  /// Request (atoms::session_closing, std::string vhost, jid full, caf::actor session,
  /// bool resumable). First-answer: a bound session's connection went away (not a clean stream
  /// close). handled: the session was taken over (it waits for XEP-0198 resumption). All
  /// declined: the session ends (unbind, unavailable presence).
  session_closing,

  // --- XEP-0191 block lists ---------------------------------------------------------------------
  /// Request (atoms::blocklist_get, std::string vhost, std::string owner_bare).
  /// handled: std::vector<std::string> the blocked JIDs (prepared). All declined: an empty list.
  blocklist_get,
  /// Request (atoms::blocklist_add, std::string vhost, std::string owner_bare,
  /// std::vector<std::string> jids). handled: bool stored. All declined or false: the block is
  /// refused (internal-server-error).
  blocklist_add,
  /// Request (atoms::blocklist_remove, std::string vhost, std::string owner_bare,
  /// std::vector<std::string> jids), an empty list removing every entry. handled: bool. All
  /// declined or false: the unblock is refused (internal-server-error).
  blocklist_remove,

  // --- Accounts: XEP-0077 in-band registration, password change, removal -----------------------
  /// Request (atoms::account_policy, std::string vhost, std::string username, std::string
  /// password, std::string peer_ip, bool new_account): may this client register the account
  /// (new_account) or set this password? handled: (std::string condition, std::string text), a
  /// stanza error condition refusing it. All declined: allowed.
  account_policy,
  /// Request (atoms::account_register, std::string vhost, std::string username, std::string
  /// password, std::string peer_ip). handled: std::string "created", "conflict" or a stanza error
  /// condition. All declined: service-unavailable.
  account_register,
  /// Request (atoms::account_unregister, std::string vhost, std::string username).
  /// handled: std::string "deleted", "not_found" or a stanza error condition. All declined:
  /// service-unavailable. After "deleted" the core runs roster.wipe and account.deleted.
  account_unregister,
  /// Request (atoms::account_password, std::string vhost, std::string username, std::string
  /// password). handled: std::string "changed", "not_found" or a stanza error condition. All
  /// declined: not-allowed.
  account_password,
  /// Request (atoms::account_created, std::string vhost, std::string username, std::string
  /// peer_ip). Notify: an account was registered in-band.
  account_created,
  /// Request (atoms::account_deleted, std::string vhost, std::string username). Notify: an
  /// account was removed; every store forgets what it keeps for it.
  account_deleted,

  // --- Cluster ----------------------------------------------------------------------------------
  /// Request (atoms::cluster_route, std::string vhost, std::string home_node,
  /// xml::element_ptr stanza): the router is about to relay the stanza to the home node of its
  /// 'to'. First-answer. handled: the plugin delivered it (the router does nothing more).
  /// All declined: the stanza goes to the home node's router.
  cluster_route,
};

/// Number of hooks in the catalog.
inline constexpr std::size_t hook_count = 64;
static_assert(static_cast<std::size_t>(hook_id::cluster_route) + 1 == hook_count,
              "hook_count must follow the last hook_id");

/// The documented name of a hook, e.g. "auth.get_secret".
std::string_view name(hook_id id);

/// Looks a hook up by its documented name.
std::optional<hook_id> from_name(std::string_view name);

}  // namespace djabberd::hooks
