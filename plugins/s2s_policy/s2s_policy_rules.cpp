// Reading the s2s_policy settings and the body check of its filter.
#include "plugins/s2s_policy/s2s_policy_rules.hpp"

#include "stanza/namespaces.hpp"

namespace djabberd::plugins::s2s_policy {

bool policy_rules::drops(const xml::element& stanza) const {
  if (drop_text.empty() || stanza.name() != "message") return false;
  auto body = stanza.child("body", ns::client);
  return body && body->text().find(drop_text) != std::string::npos;
}

policy_rules read_policy_rules(const config::plugin_settings& settings) {
  settings.allow_only({"deny", "drop_text", "trust", "dialback_secret", "routes", "answer_ping"});
  policy_rules rules;
  for (auto& domain : settings.get_string_list("deny")) rules.deny.insert(domain);
  rules.drop_text = settings.get_string("drop_text", "");
  for (auto& domain : settings.get_string_list("trust")) rules.trust.insert(domain);
  rules.dialback_secret = settings.get_string("dialback_secret", "");
  for (auto& [domain, where] : settings.get_string_map("routes")) {
    if (where.find(':') == std::string::npos)
      settings.fail("routes", "'" + domain + "': expected \"host:port\" entries");
    rules.routes[domain] = where;
  }
  rules.answer_ping = settings.get_bool("answer_ping", false);
  return rules;
}

}  // namespace djabberd::plugins::s2s_policy
