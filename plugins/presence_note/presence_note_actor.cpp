// presence_note_actor: <status/> suffix, an extra element, a counter.
#include "plugins/presence_note/presence_note_actor.hpp"

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::plugins::presence_note {

note_options read_note_options(const config::plugin_settings& settings) {
  settings.allow_only({"status_suffix", "add_element"});
  note_options options;
  options.status_suffix = settings.get_string("status_suffix", "");
  std::string text = settings.get_string("add_element", "");
  if (!text.empty()) {
    std::string error;
    options.add_element = xml::parse_element(text, &error);
    if (!options.add_element) settings.fail("add_element", "not one XML element: " + error);
    if (options.add_element->ns().empty() || options.add_element->ns() == ns::client)
      settings.fail("add_element",
                    "the element needs a namespace of its own (xmlns='...'), not jabber:client");
  }
  return options;
}

xml::element_ptr alter(const note_options& options, const xml::element_ptr& presence) {
  if (!presence) return presence;
  const bool suffix =
      !options.status_suffix.empty() && presence->child("status", ns::client) != nullptr;
  if (!suffix && !options.add_element) return presence;
  auto copy = xml::shallow_copy(*presence);
  if (suffix) {
    copy->clear_children();
    for (const auto& node : presence->children()) {
      const auto* child = std::get_if<xml::element_ptr>(&node);
      if (child && *child && (*child)->is("status", ns::client)) {
        auto status = xml::shallow_copy(**child);
        status->clear_children();
        status->add_text((*child)->text() + options.status_suffix);
        copy->add_child(xml::element_ptr{std::move(status)});
      } else if (child) {
        copy->add_child(*child);
      } else {
        copy->add_text(std::get<std::string>(node));
      }
    }
  }
  if (options.add_element) copy->add_child(options.add_element);
  return copy;
}

caf::behavior presence_note_actor(caf::stateful_actor<presence_note_state>* self,
                                  note_options options) {
  self->state.options = std::move(options);
  return {
      [self](atoms::presence_alter, const std::string& vhost, const jid& full,
             const xml::element_ptr& presence) -> hooks::reply {
        auto& st = self->state;
        ++st.seen;
        log::debug("presence_note", vhost, ": available presence #", st.seen, " from ", full.str());
        auto altered = alter(st.options, presence);
        if (altered == presence) return hooks::declined();
        return hooks::handled(std::move(altered));
      },
  };
}

}  // namespace djabberd::plugins::presence_note
