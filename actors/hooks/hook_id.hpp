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
};

/// Number of hooks in the catalog.
inline constexpr std::size_t hook_count = 10;
static_assert(static_cast<std::size_t>(hook_id::session_unbound) + 1 == hook_count,
              "hook_count must follow the last hook_id");

/// The documented name of a hook, e.g. "auth.get_secret".
std::string_view name(hook_id id);

/// Looks a hook up by its documented name.
std::optional<hook_id> from_name(std::string_view name);

}  // namespace djabberd::hooks
