// jabber:iq:register parsing and replies.
#include "actors/accounts/registration_xml.hpp"

namespace djabberd::accounts {

register_request parse_register(const xml::element& iq) {
  register_request r;
  auto query = iq.first_child_element();
  if (!query || !query->is("query", register_ns)) return r;
  auto type = iq.attr_or("type");
  if (type == "get") {
    r.what = register_request::form;
    return r;
  }
  if (type != "set") return r;
  if (query->child("remove", register_ns)) {
    r.what = register_request::remove;
    return r;
  }
  if (auto u = query->child("username", register_ns)) r.username = u->text();
  if (auto p = query->child("password", register_ns)) r.password = p->text();
  r.what = r.username.empty() || r.password.empty() ? register_request::incomplete
                                                    : register_request::submit;
  return r;
}

xml::element_ptr registration_form() {
  auto query = xml::make_element("query", std::string(register_ns));
  query->add_child("instructions", std::string(register_ns))
      .add_text("Choose a username and password to register with this server.");
  query->add_child("username", std::string(register_ns));
  query->add_child("password", std::string(register_ns));
  return query;
}

xml::element_ptr registered_query(const std::string& username) {
  auto query = xml::make_element("query", std::string(register_ns));
  query->add_child("registered", std::string(register_ns));
  query->add_child("username", std::string(register_ns)).add_text(username);
  return query;
}

std::string peer_ip(std::string_view peer) {
  auto colon = peer.rfind(':');
  if (colon == std::string_view::npos) return std::string(peer);
  return std::string(peer.substr(0, colon));
}

}  // namespace djabberd::accounts
