// Stanzas to a bound client: outbound.pre_write may replace or drop each one; order is kept.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_transform.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::c2s {

namespace {

// Transforms the head of the queue; once it is written the next one follows, so a late handler
// holds back what comes after it instead of letting it overtake.
void pump(session_actor* self) {
  auto& st = self->state;
  if (st.outbound.empty()) return;
  hooks::run_transform(self, st.vhost->hooks, hooks::hook_id::outbound_pre_write,
                       caf::make_message(atoms::pre_write::value, st.vhost->domain, st.bound),
                       caf::make_message(st.outbound.front()), [self](caf::message value) {
                         auto& st = self->state;
                         if (st.current == phase::closing) {
                           st.outbound.clear();
                           return;
                         }
                         auto stanza = std::move(st.outbound.front());
                         st.outbound.pop_front();
                         if (value.match_elements<xml::element_ptr>())
                           stanza = value.get_as<xml::element_ptr>(0);
                         else
                           log::warn("c2s", "#", st.id,
                                     " outbound.pre_write answered without an element; ",
                                     "writing the stanza unchanged");
                         write_stanza(self, stanza);
                         flush(self);
                         pump(self);
                       });
}

}  // namespace

void send_stanza(session_actor* self, const xml::element_ptr& stanza) {
  auto& st = self->state;
  if (!stanza) return;
  if (st.outbound.empty() && st.vhost->hooks->chain(hooks::hook_id::outbound_pre_write).empty())
    return write_stanza(self, stanza);
  st.outbound.push_back(stanza);
  if (st.outbound.size() == 1) pump(self);
}

}  // namespace djabberd::c2s
