// Error and result replies: addresses swapped, id kept.
#include "stanza/error_reply.hpp"

#include "stanza/namespaces.hpp"

namespace djabberd::xml {

namespace {

std::shared_ptr<element> reply_skeleton(const element& stanza, std::string_view type) {
  auto reply = make_element(stanza.name(), stanza.ns());
  if (auto* id = stanza.attr("id")) reply->set_attr("id", *id);
  if (auto* from = stanza.attr("from")) reply->set_attr("to", *from);
  if (auto* to = stanza.attr("to")) reply->set_attr("from", *to);
  reply->set_attr("type", std::string(type));
  return reply;
}

}  // namespace

element_ptr make_error_reply(const element& stanza, stanza_error condition, std::string_view text) {
  if (stanza.attr_or("type") == "error") return nullptr;
  auto reply = reply_skeleton(stanza, "error");
  auto& error = reply->add_child("error", stanza.ns());
  error.set_attr("type", std::string(type_name(default_type(condition))));
  error.add_child(std::string(condition_name(condition)), std::string(ns::stanza_errors));
  if (!text.empty()) {
    auto& t = error.add_child("text", std::string(ns::stanza_errors));
    t.set_attr("lang", "en", std::string(ns::xml));
    t.add_text(text);
  }
  return reply;
}

element_ptr make_iq_result(const element& iq, element_ptr payload) {
  auto reply = reply_skeleton(iq, "result");
  if (payload) reply->add_child(std::move(payload));
  return reply;
}

}  // namespace djabberd::xml
