// The filter_pattern rule: which stanza kinds are checked and the pattern their text must not
// match.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "config/plugin_settings.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::filter_pattern {

/// A compiled rule. Immutable once read, shared by the filter actor.
struct filter_rule {
  std::regex pattern;
  std::vector<std::string> kinds;  ///< "message" and/or "presence"
  bool inbound = true;             ///< joins c2s.filter (stanzas from clients)
  bool outbound = false;           ///< joins outbound.pre_write (stanzas to clients)

  /// True if `stanza` is of a checked kind and its text (message <body/>, presence <status/>)
  /// contains a match of the pattern.
  bool matches(const xml::element& stanza) const;
};

/// Reads and validates the plugin's settings (config_error naming file, line and key).
filter_rule read_filter_rule(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::filter_pattern
