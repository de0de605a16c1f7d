// Stream and stanza error conditions of RFC 6120 (sections 4.9.3 and 8.3.3) and their names.
#pragma once

#include <optional>
#include <string_view>

namespace djabberd::xml {

/// The XML namespace of stream error conditions.
inline constexpr std::string_view stream_error_ns = "urn:ietf:params:xml:ns:xmpp-streams";
/// The XML namespace of stanza error conditions.
inline constexpr std::string_view stanza_error_ns = "urn:ietf:params:xml:ns:xmpp-stanzas";

/// A stream error condition (RFC 6120 section 4.9.3).
enum class stream_error {
  bad_format,
  bad_namespace_prefix,
  conflict,
  connection_timeout,
  host_gone,
  host_unknown,
  improper_addressing,
  internal_server_error,
  invalid_from,
  invalid_namespace,
  invalid_xml,
  not_authorized,
  not_well_formed,
  policy_violation,
  remote_connection_failed,
  reset,
  resource_constraint,
  restricted_xml,
  see_other_host,
  system_shutdown,
  undefined_condition,
  unsupported_encoding,
  unsupported_feature,
  unsupported_stanza_type,
  unsupported_version,
};

/// The error type of a stanza error (RFC 6120 section 8.3.2).
enum class stanza_error_type { auth, cancel, continue_, modify, wait };

/// A stanza error condition (RFC 6120 section 8.3.3).
enum class stanza_error {
  bad_request,
  conflict,
  feature_not_implemented,
  forbidden,
  gone,
  internal_server_error,
  item_not_found,
  jid_malformed,
  not_acceptable,
  not_allowed,
  not_authorized,
  policy_violation,
  recipient_unavailable,
  redirect,
  registration_required,
  remote_server_not_found,
  remote_server_timeout,
  resource_constraint,
  service_unavailable,
  subscription_required,
  undefined_condition,
  unexpected_request,
};

/// The element name of a stream error condition, e.g. "not-well-formed".
std::string_view condition_name(stream_error condition);
/// The element name of a stanza error condition, e.g. "service-unavailable".
std::string_view condition_name(stanza_error condition);
/// The value of the error's type attribute, e.g. "cancel" (and "continue" for continue_).
std::string_view type_name(stanza_error_type type);

/// The stream error condition with the given element name, or nullopt if unknown.
std::optional<stream_error> stream_error_from_name(std::string_view name);
/// The stanza error condition with the given element name, or nullopt if unknown.
std::optional<stanza_error> stanza_error_from_name(std::string_view name);
/// The stanza error type with the given attribute value, or nullopt if unknown.
std::optional<stanza_error_type> stanza_error_type_from_name(std::string_view name);

/// The type RFC 6120 section 8.3.3 gives as usual for a condition (e.g. cancel for
/// service-unavailable, auth for not-authorized, wait for resource-constraint).
stanza_error_type default_type(stanza_error condition);

}  // namespace djabberd::xml

namespace djabberd {
// The error enums are XMPP-level notions; make them reachable from the top namespace as well.
using xml::condition_name;
using xml::default_type;
using xml::stanza_error;
using xml::stanza_error_type;
using xml::stream_error;
using xml::type_name;
}  // namespace djabberd
