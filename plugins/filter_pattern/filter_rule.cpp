// read_filter_rule: settings validation; filter_rule::matches: the text checked per stanza kind.
#include "plugins/filter_pattern/filter_rule.hpp"

#include <algorithm>

#include "stanza/namespaces.hpp"

namespace djabberd::plugins::filter_pattern {

bool filter_rule::matches(const xml::element& stanza) const {
  if (std::find(kinds.begin(), kinds.end(), stanza.name()) == kinds.end()) return false;
  const char* child = stanza.name() == "message" ? "body" : "status";
  auto text = stanza.child(child, ns::client);
  return text && std::regex_search(text->text(), pattern);
}

filter_rule read_filter_rule(const config::plugin_settings& settings) {
  settings.allow_only({"pattern", "kinds", "direction"});
  filter_rule rule;
  std::string pattern = settings.get_string("pattern", "");
  if (pattern.empty()) settings.fail("pattern", "a non-empty regular expression is required");
  try {
    rule.pattern = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    settings.fail("pattern", "invalid regular expression '" + pattern + "': " + e.what());
  }
  rule.kinds = settings.get_string_list("kinds");
  if (rule.kinds.empty()) rule.kinds = {"message"};
  for (const auto& kind : rule.kinds)
    if (kind != "message" && kind != "presence")
      settings.fail("kinds", "unknown stanza kind '" + kind + "' (allowed: message, presence)");
  std::string direction = settings.get_string("direction", "in");
  if (direction != "in" && direction != "out" && direction != "both")
    settings.fail("direction", "must be \"in\", \"out\" or \"both\", not '" + direction + "'");
  rule.inbound = direction != "out";
  rule.outbound = direction != "in";
  return rule;
}

}  // namespace djabberd::plugins::filter_pattern
