// Names and default types of the RFC 6120 stream and stanza error conditions.
#include "stanza/stream_error.hpp"

#include <array>
#include <utility>

namespace djabberd::xml {
namespace {

constexpr std::array<std::string_view, 25> stream_error_names = {
    "bad-format",
    "bad-namespace-prefix",
    "conflict",
    "connection-timeout",
    "host-gone",
    "host-unknown",
    "improper-addressing",
    "internal-server-error",
    "invalid-from",
    "invalid-namespace",
    "invalid-xml",
    "not-authorized",
    "not-well-formed",
    "policy-violation",
    "remote-connection-failed",
    "reset",
    "resource-constraint",
    "restricted-xml",
    "see-other-host",
    "system-shutdown",
    "undefined-condition",
    "unsupported-encoding",
    "unsupported-feature",
    "unsupported-stanza-type",
    "unsupported-version",
};
static_assert(stream_error_names.size() == std::size_t(stream_error::unsupported_version) + 1);

struct stanza_error_info {
  std::string_view name;
  stanza_error_type type;
};

constexpr std::array<stanza_error_info, 22> stanza_errors = {{
    {"bad-request", stanza_error_type::modify},
    {"conflict", stanza_error_type::cancel},
    {"feature-not-implemented", stanza_error_type::cancel},
    {"forbidden", stanza_error_type::auth},
    {"gone", stanza_error_type::cancel},
    {"internal-server-error", stanza_error_type::cancel},
    {"item-not-found", stanza_error_type::cancel},
    {"jid-malformed", stanza_error_type::modify},
    {"not-acceptable", stanza_error_type::modify},
    {"not-allowed", stanza_error_type::cancel},
    {"not-authorized", stanza_error_type::auth},
    {"policy-violation", stanza_error_type::modify},
    {"recipient-unavailable", stanza_error_type::wait},
    {"redirect", stanza_error_type::modify},
    {"registration-required", stanza_error_type::auth},
    {"remote-server-not-found", stanza_error_type::cancel},
    {"remote-server-timeout", stanza_error_type::wait},
    {"resource-constraint", stanza_error_type::wait},
    {"service-unavailable", stanza_error_type::cancel},
    {"subscription-required", stanza_error_type::auth},
    {"undefined-condition", stanza_error_type::cancel},
    {"unexpected-request", stanza_error_type::wait},
}};
static_assert(stanza_errors.size() == std::size_t(stanza_error::unexpected_request) + 1);

constexpr std::array<std::string_view, 5> type_names = {"auth", "cancel", "continue", "modify",
                                                        "wait"};

}  // namespace

std::string_view condition_name(stream_error condition) {
  auto i = static_cast<std::size_t>(condition);
  return i < stream_error_names.size() ? stream_error_names[i] : "undefined-condition";
}

std::string_view condition_name(stanza_error condition) {
  auto i = static_cast<std::size_t>(condition);
  return i < stanza_errors.size() ? stanza_errors[i].name : "undefined-condition";
}

std::string_view type_name(stanza_error_type type) {
  auto i = static_cast<std::size_t>(type);
  return i < type_names.size() ? type_names[i] : "cancel";
}

std::optional<stream_error> stream_error_from_name(std::string_view name) {
  for (std::size_t i = 0; i < stream_error_names.size(); ++i) {
    if (stream_error_names[i] == name) return static_cast<stream_error>(i);
  }
  return std::nullopt;
}

std::optional<stanza_error> stanza_error_from_name(std::string_view name) {
  for (std::size_t i = 0; i < stanza_errors.size(); ++i) {
    if (stanza_errors[i].name == name) return static_cast<stanza_error>(i);
  }
  return std::nullopt;
}

std::optional<stanza_error_type> stanza_error_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < type_names.size(); ++i) {
    if (type_names[i] == name) return static_cast<stanza_error_type>(i);
  }
  return std::nullopt;
}

stanza_error_type default_type(stanza_error condition) {
  auto i = static_cast<std::size_t>(condition);
  return i < stanza_errors.size() ? stanza_errors[i].type : stanza_error_type::cancel;
}

}  // namespace djabberd::xml
