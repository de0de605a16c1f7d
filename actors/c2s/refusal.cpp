// refusal(): a stream that carries only a stream error.
#include "actors/c2s/refusal.hpp"

#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

std::string refusal(std::string_view domain, xml::stream_error condition, std::string_view text) {
  std::string out =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
      "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' from='";
  out += domain;
  out += "'><stream:error><";
  out += xml::condition_name(condition);
  out += " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>";
  auto t = xml::make_element("text", "urn:ietf:params:xml:ns:xmpp-streams");
  t->set_attr("lang", "en", "http://www.w3.org/XML/1998/namespace");
  t->add_text(std::string(text));
  out += xml::to_string(*t, ns::client);
  out += "</stream:error></stream:stream>";
  return out;
}

}  // namespace djabberd::c2s
