// Building replies to stanzas: IQ results and RFC 6120 §8.3 error stanzas.
#pragma once

#include <string_view>

#include "stanza/element.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::xml {

/// The error reply to `stanza`: same name and id, 'from'/'to' swapped, type='error', with an
/// <error/> child holding `condition` (and `text` if given). The original payload is not echoed.
/// Returns nullptr for a stanza that is itself an error (errors are never answered with errors).
element_ptr make_error_reply(const element& stanza, stanza_error condition,
                             std::string_view text = {});

/// An empty IQ result for `iq` (same id, 'from'/'to' swapped), optionally carrying `payload`.
element_ptr make_iq_result(const element& iq, element_ptr payload = nullptr);

}  // namespace djabberd::xml
