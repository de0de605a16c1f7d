// describe: a session's one-line summary for the admin socket (djabberctl sessions).
#include <algorithm>
#include <chrono>
#include <string>

#include <caf/event_based_actor.hpp>

#include "actors/c2s/session_state.hpp"

namespace djabberd::c2s {

std::string describe(session_actor* self) {
  const auto& st = self->state;
  auto since = std::max(st.last_read, st.last_write);
  auto idle =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since);
  bool tls_up = st.tls && st.tls->handshake_done();
  std::string line = st.current == phase::bound ? st.bound.str() : "-";
  line += '\t' + st.peer;
  line += '\t' + (tls_up ? st.tls->version() : std::string("-"));
  line += '\t' + (tls_up ? st.tls->cipher() : std::string("-"));
  line += '\t' + std::to_string(idle.count());
  line += '\t';
  line += sm_describe(self);  // XEP-0198: off, on, resumable, waiting
  return line;
}

}  // namespace djabberd::c2s
