// XEP-0280 Message Carbons: eligibility and wrapping.
#include "actors/user/carbons.hpp"

#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::carbons {

bool eligible(const xml::element& message) {
  if (message.name() != "message") return false;
  auto type = message.attr_or("type", "normal");
  if (type == "normal") {
    if (!message.child("body", ns::client)) return false;  // §6: a MAY; only what a person reads
  } else if (type != "chat") {
    return false;  // error, groupchat, headline (and unknown types)
  }
  for (const auto& child : message.child_elements()) {
    if (child->ns() == xmlns &&
        (child->name() == "private" || child->name() == "received" || child->name() == "sent"))
      return false;
    if (child->is("no-copy", hints_xmlns)) return false;
  }
  auto from = jid::parse(message.attr_or("from"));
  auto to = jid::parse(message.attr_or("to"));
  return !(from && to && from->bare() == to->bare());
}

xml::element_ptr wrap(direction d, const std::string& bare, const std::string& to,
                      const xml::element_ptr& message) {
  auto copy = xml::make_element("message", std::string(ns::client));
  copy->set_attr("from", bare);
  copy->set_attr("to", to);
  if (auto* type = message->attr("type")) copy->set_attr("type", *type);
  auto& wrapper =
      copy->add_child(d == direction::received ? "received" : "sent", std::string(xmlns));
  wrapper.add_child("forwarded", std::string(forward_xmlns)).add_child(message);
  return copy;
}

std::optional<bool> request(const xml::element& iq) {
  auto payload = iq.first_child_element();
  if (!payload || payload->ns() != xmlns) return std::nullopt;
  if (payload->name() == "enable") return true;
  if (payload->name() == "disable") return false;
  return std::nullopt;
}

}  // namespace djabberd::carbons
