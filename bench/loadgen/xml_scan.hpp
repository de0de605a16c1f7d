// Just-enough XML scanning of server output: complete elements by name, conditions, attributes.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace djabberd::loadgen {

/// Where a complete element lies in a buffer: [begin, end), its content [content_begin,
/// content_end) (empty for a self-closing element).
struct ElementSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t content_begin = 0;
  std::size_t content_end = 0;

  std::string_view text(std::string_view buf) const { return buf.substr(begin, end - begin); }
  std::string_view content(std::string_view buf) const {
    return buf.substr(content_begin, content_end - content_begin);
  }
};

/// The first complete element with this qualified name ("success", "stream:features") whose
/// start tag lies in `buf`; nothing if there is none yet (or it is still incomplete). Elements of
/// the same name must not nest (true for everything a client waits for during login).
std::optional<ElementSpan> find_element(std::string_view buf, std::string_view name);

/// The local name of the first child element of `element` ("not-authorized" in a SASL
/// failure), or "" if it has none.
std::string_view first_child_name(std::string_view element);

/// The error condition of a stanza: the first child of its <error/> element, or "".
std::string_view stanza_error_condition(std::string_view stanza);

/// The value of attribute `attr` in the start tag of `element` (either quote, entities not
/// decoded), or nothing if the tag has no such attribute.
std::optional<std::string_view> attribute_value(std::string_view element, std::string_view attr);

/// Whether the start tag of `element` has attr='value' (either quote).
bool has_attribute(std::string_view element, std::string_view attr, std::string_view value);

/// Whether stream features offer SASL mechanism `mech`.
bool offers_mechanism(std::string_view features, std::string_view mech);

}  // namespace djabberd::loadgen
