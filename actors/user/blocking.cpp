// XEP-0191 element handling and JID matching.
#include "actors/user/blocking.hpp"

#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::blocking {

bool covers(const jid_set& list, const jid& who) {
  if (list.empty() || who.empty()) return false;
  if (list.count(who.str())) return true;
  if (!who.local().empty() && !who.is_bare() && list.count(who.bare_str())) return true;
  if (!who.is_bare() && list.count(who.domain() + "/" + who.resource())) return true;
  return list.count(who.domain()) > 0;
}

bool is_request(const xml::element& iq) {
  auto payload = iq.first_child_element();
  return payload && payload->ns() == xmlns &&
         (payload->name() == "blocklist" || payload->name() == "block" ||
          payload->name() == "unblock");
}

request parse_request(const xml::element& iq) {
  request r;
  auto payload = iq.first_child_element();
  auto type = iq.attr_or("type");
  if (payload->name() == "blocklist") {
    r.what = action::get;
    r.valid = type == "get";
    return r;
  }
  r.what = payload->name() == "block" ? action::block : action::unblock;
  r.valid = type == "set";
  for (const auto& item : payload->child_elements()) {
    if (!item->is("item", xmlns)) continue;
    auto parsed = jid::parse(item->attr_or("jid"));
    if (!parsed) {
      r.valid = false;
      continue;
    }
    r.jids.push_back(parsed->str());
  }
  // §3.3: a <block/> must name at least one JID; an empty <unblock/> means all (§3.5).
  if (r.what == action::block && r.jids.empty()) r.valid = false;
  return r;
}

xml::element_ptr blocklist_element(const jid_set& list) {
  auto result = xml::make_element("blocklist", std::string(xmlns));
  for (const auto& j : list) result->add_child("item", std::string(xmlns)).set_attr("jid", j);
  return result;
}

xml::element_ptr push_iq(action what, const std::vector<std::string>& jids, const std::string& to,
                         const std::string& id) {
  auto payload = xml::make_element(what == action::block ? "block" : "unblock", std::string(xmlns));
  for (const auto& j : jids) payload->add_child("item", std::string(xmlns)).set_attr("jid", j);
  auto iq = xml::make_element("iq", std::string(ns::client));
  iq->set_attr("type", "set");
  iq->set_attr("id", id);
  iq->set_attr("to", to);
  iq->add_child(xml::element_ptr{payload});
  return iq;
}

xml::element_ptr blocked_error(const xml::element& stanza) {
  auto reply = xml::make_error_reply(stanza, xml::stanza_error::not_acceptable);
  if (!reply) return nullptr;
  // The reply's only child is its <error/>: rebuild it with the application condition added.
  auto error = reply->child("error", stanza.ns());
  if (!error) return reply;
  auto with_blocked = xml::shallow_copy(*error);
  with_blocked->set_attr("type", "cancel");  // §3.3 example: retrying will not help
  with_blocked->add_child("blocked", std::string(errors_xmlns));
  auto copy = xml::shallow_copy(*reply);
  copy->clear_children();
  copy->add_child(xml::element_ptr{with_blocked});
  return copy;
}

}  // namespace djabberd::blocking
