// The presence_note handler: a transform of presence.alter_available.
#pragma once

#include <cstdint>
#include <string>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "config/plugin_settings.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::presence_note {

/// What to change in each available presence.
struct note_options {
  std::string status_suffix;     ///< appended to the text of every <status/> ("" = none)
  xml::element_ptr add_element;  ///< appended as the presence's last child (null = none)
};

/// Reads `status_suffix` (string) and `add_element` (one XML element as text, which must
/// declare its own namespace, e.g. "<note xmlns='urn:example:note'>hi</note>"). Throws
/// config::config_error naming file, line and key for unknown keys and bad values.
note_options read_note_options(const config::plugin_settings& settings);

/// The presence with the suffix appended to each <status/> text and the element added; the
/// original when there is nothing to change (or it is null).
xml::element_ptr alter(const note_options& options, const xml::element_ptr& presence);

struct presence_note_state {
  note_options options;
  std::uint64_t seen = 0;  ///< presences seen since the start
  static inline const char* name = "presence_note";
};

/// Answers (atoms::presence_alter, vhost, jid full, xml::element_ptr presence) with
/// handled(altered presence), or declined when nothing changes; logs the running count at debug.
caf::behavior presence_note_actor(caf::stateful_actor<presence_note_state>* self,
                                  note_options options);

}  // namespace djabberd::plugins::presence_note
