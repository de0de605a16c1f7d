// jabber:server -> jabber:client, copying only the elements that change.
#include "actors/s2s/server_ns.hpp"

#include "stanza/namespaces.hpp"

namespace djabberd::s2s {

xml::element_ptr to_client_ns(const xml::element_ptr& stanza) {
  if (!stanza || stanza->ns() != server_ns) return stanza;
  auto copy = xml::make_element(stanza->name(), std::string(ns::client));
  for (const auto& a : stanza->attributes()) copy->set_attr(a.name, a.value, a.ns);
  for (const auto& child : stanza->children()) {
    if (const auto* e = std::get_if<xml::element_ptr>(&child))
      copy->add_child(to_client_ns(*e));
    else
      copy->add_text(std::get<std::string>(child));
  }
  return copy;
}

}  // namespace djabberd::s2s
