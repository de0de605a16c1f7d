// Building and reading roster <item/> elements.
#include "actors/roster/roster_xml.hpp"

#include <algorithm>

#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::roster {

namespace {

// Longest name or group we store (bytes); the RFC lets the server choose (§2.3.3).
constexpr std::size_t max_text = 1023;

}  // namespace

xml::element_ptr item_element(const roster_item& item) {
  auto e = xml::make_element("item", std::string(ns::roster));
  e->set_attr("jid", item.contact);
  if (!item.name.empty()) e->set_attr("name", item.name);
  e->set_attr("subscription", subscription_name(item));
  if (item.pending_out) e->set_attr("ask", "subscribe");
  if (item.approved) e->set_attr("approved", "true");
  for (const auto& group : item.groups)
    e->add_child("group", std::string(ns::roster)).add_text(group);
  return e;
}

xml::element_ptr removed_item_element(const std::string& contact) {
  auto e = xml::make_element("item", std::string(ns::roster));
  e->set_attr("jid", contact);
  e->set_attr("subscription", "remove");
  return e;
}

std::string roster_version(const roster_map& roster) {
  std::string canonical;
  for (const auto& [contact, item] : roster) {
    if (!item.in_roster) continue;
    canonical += contact;
    canonical += '\0';
    canonical += item.name;
    canonical += '\0';
    canonical += subscription_name(item);
    canonical += item.pending_out ? "+ask" : "";
    canonical += item.approved ? "+approved" : "";
    for (const auto& group : item.groups) {
      canonical += '\0';
      canonical += group;
    }
    canonical += '\n';
  }
  auto digest = auth::hash(auth::hash_algo::sha1, canonical);
  return auth::base64_encode(digest.substr(0, 12));
}

std::optional<roster_set_error> parse_roster_set(const xml::element& query, roster_set& out) {
  auto items = query.child_elements();
  if (items.size() != 1 || !items.front()->is("item", ns::roster))
    return roster_set_error{xml::stanza_error::bad_request, "a roster set has exactly one item"};
  const auto& item = *items.front();
  auto contact = jid::parse(item.attr_or("jid"));
  if (!contact) return roster_set_error{xml::stanza_error::jid_malformed, "invalid item jid"};
  out.contact = contact->bare_str();  // contacts are accounts: subscriptions are per bare JID
  out.remove = item.attr_or("subscription") == "remove";
  out.name = std::string(item.attr_or("name"));
  if (out.name.size() > max_text)
    return roster_set_error{xml::stanza_error::not_acceptable, "the name is too long"};
  out.groups.clear();
  for (const auto& child : item.child_elements()) {
    if (!child->is("group", ns::roster)) continue;
    auto group = child->text();
    if (group.empty() || group.size() > max_text)
      return roster_set_error{xml::stanza_error::not_acceptable,
                              "group names must be 1 to 1023 bytes"};
    if (std::find(out.groups.begin(), out.groups.end(), group) != out.groups.end())
      return roster_set_error{xml::stanza_error::bad_request, "duplicate group"};
    out.groups.push_back(std::move(group));
  }
  return std::nullopt;
}

}  // namespace djabberd::roster
