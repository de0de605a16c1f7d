// Builds the client's outgoing XMPP text (stream header, STARTTLS, SASL, bind, presence, chat).
#include "bench/loadgen/xmpp_text.hpp"

namespace djabberd::loadgen::xmpp {

std::string stream_header(std::string_view domain) {
  std::string out =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
      "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en' to='";
  out += domain;
  out += "'>";
  return out;
}

std::string_view starttls() {
  return "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
}

std::string auth(std::string_view mechanism, std::string_view initial_response_b64) {
  std::string out = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='";
  out += mechanism;
  out += "'>";
  out += initial_response_b64.empty() ? "=" : initial_response_b64;
  out += "</auth>";
  return out;
}

std::string response(std::string_view b64) {
  std::string out = "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
  out += b64;
  out += "</response>";
  return out;
}

std::string bind(std::string_view resource) {
  std::string out = "<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>";
  out += "<resource>";
  out += resource;
  out += "</resource></bind></iq>";
  return out;
}

std::string_view session() {
  return "<iq type='set' id='sess1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>";
}

std::string_view initial_presence() {
  return "<presence/>";
}

std::string_view stream_close() {
  return "</stream:stream>";
}

std::string chat_prefix(std::string_view to) {
  std::string out = "<message to='";
  out += to;
  out += "' type='chat'><body>";
  return out;
}

std::string_view chat_suffix() {
  return "</body></message>";
}

}  // namespace djabberd::loadgen::xmpp
