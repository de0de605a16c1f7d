// Parsing one stored XML element back from text (the inverse of xml::to_string).
#pragma once

#include <string>
#include <string_view>

#include "stanza/element.hpp"

namespace djabberd::xml {

/// Parses `text`, which must hold exactly one element (whitespace around it allowed), with the
/// same restricted XML and limits as a client stream except that the size limit is the text's
/// own. No default namespace is in scope, so `parse_element(to_string(e))` equals `e`. Returns
/// nullptr and sets `error` (if given) when the text is not one well-formed element.
element_ptr parse_element(std::string_view text, std::string* error = nullptr);

}  // namespace djabberd::xml
