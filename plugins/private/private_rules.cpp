// private_rules: pure checks, so the actor only deals with storage.
#include "plugins/private/private_rules.hpp"

#include "stanza/namespaces.hpp"

namespace djabberd::plugins::private_xml {

bool reserved_namespace(std::string_view ns) {
  return ns.starts_with("jabber:") || ns.starts_with("http://jabber.org/") || ns == "vcard-temp";
}

std::optional<xml::stanza_error> check_query(const xml::element& query, bool is_get,
                                             bool reject_reserved) {
  auto children = query.child_elements();
  if (children.empty()) return xml::stanza_error::bad_request;
  for (const auto& child : children) {
    const auto& child_ns = child->ns();
    if (child_ns.empty() || child_ns == ns::private_storage ||
        (reject_reserved && reserved_namespace(child_ns)))
      return xml::stanza_error::not_acceptable;
    if (is_get && child_ns != children.front()->ns()) return xml::stanza_error::bad_request;
  }
  return std::nullopt;
}

}  // namespace djabberd::plugins::private_xml
