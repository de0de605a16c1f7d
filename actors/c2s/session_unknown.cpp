// Top-level elements no built-in code takes (RFC 6120 §4.9.3.23): plugins may claim them through
// stream.unknown_element (DJabberd's HandleStanza), else the stream ends.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/message_types.hpp"

namespace djabberd::c2s {

void handle_unknown_element(session_actor* self, const xml::element_ptr& element) {
  auto& st = self->state;
  const auto& table = st.vhost->hooks;
  if (table->chain(hooks::hook_id::stream_unknown_element).empty())
    return fail_stream(self, xml::stream_error::unsupported_stanza_type);
  st.busy = true;  // later elements wait, so a plugin's answer keeps the stream's order
  hooks::run_chain(
      self, table, hooks::hook_id::stream_unknown_element,
      caf::make_message(atoms::unknown_element::value, st.vhost->domain, st.bound, element),
      [self](hooks::chain_result r) {
        auto& st = self->state;
        if (st.current == phase::closing) return;
        if (!r.handled) {
          st.busy = false;
          return fail_stream(self, xml::stream_error::unsupported_stanza_type);
        }
        if (r.payload.match_elements<xml::element_ptr>())
          send_stanza(self, r.payload.get_as<xml::element_ptr>(0));
        resume(self);
      });
}

}  // namespace djabberd::c2s
