// XEP-0203 delayed delivery stamps.
#pragma once

#include <string_view>

#include "stanza/element.hpp"

namespace djabberd::xml {

/// A copy of `stanza` with <delay xmlns='urn:xmpp:delay' from=`from` stamp=now/> appended, or
/// `stanza` itself if it already carries a stamp from `from` (the first one tells when that
/// entity got it; a second one would only blur that).
element_ptr with_delay(const element_ptr& stanza, std::string_view from);

}  // namespace djabberd::xml
