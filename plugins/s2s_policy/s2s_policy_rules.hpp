// The s2s_policy settings, read once and shared read-only by the policy actor.
#pragma once

#include <map>
#include <set>
#include <string>

#include "config/plugin_settings.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::s2s_policy {

struct policy_rules {
  std::set<std::string> deny;   ///< s2s.allow: remote domains refused (in and out)
  std::string drop_text;        ///< s2s.filter / s2s.out_filter: drop messages whose body has it
  std::set<std::string> trust;  ///< tls.verify_peer: domains trusted whatever their certificate
  std::string dialback_secret;  ///< s2s.dialback_secret (empty: not answered)
  std::map<std::string, std::string> routes;  ///< s2s.resolve: domain -> "host:port ..."
  bool answer_ping = false;                   ///< iq.s2s: XEP-0199 pings to the domain

  /// True if `stanza` is a message whose <body/> contains drop_text.
  bool drops(const xml::element& stanza) const;
};

/// Reads and validates the settings (config_error naming file, line and key).
policy_rules read_policy_rules(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::s2s_policy
