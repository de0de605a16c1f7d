// Delivery to the client and XEP-0352 client state indication: while the client is inactive,
// presence updates are held (the newest per sender) and everything else goes out at once, after
// the held presence so that the order per sender is kept.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/c2s/session_state.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::c2s {

namespace {

constexpr std::string_view csi_ns = "urn:xmpp:csi:0";

// Presence a client can afford to see later: available/unavailable updates, not subscription
// requests or errors.
bool can_wait(const xml::element& stanza) {
  if (stanza.name() != "presence") return false;
  auto type = stanza.attr_or("type");
  return type.empty() || type == "unavailable";
}

void flush_held(session_actor* self) {
  auto held = std::move(self->state.held_presence);
  self->state.held_presence.clear();
  for (const auto& p : held) send_stanza(self, p);
}

bool csi_enabled(session_actor* self) {
  const auto& st = self->state;
  for (const auto& vhost : st.server->config.vhosts) {
    if (vhost.domain != st.vhost->domain) continue;
    return std::any_of(vhost.plugins.begin(), vhost.plugins.end(),
                       [](const auto& p) { return p.name == "csi"; });
  }
  return false;
}

}  // namespace

void deliver(session_actor* self, const xml::element_ptr& stanza) {
  auto& st = self->state;
  if (st.current != phase::bound) return;
  if (st.inactive && can_wait(*stanza)) {
    auto from = stanza->attr_or("from");
    auto same = std::find_if(st.held_presence.begin(), st.held_presence.end(),
                             [&](const xml::element_ptr& p) { return p->attr_or("from") == from; });
    if (same != st.held_presence.end())
      *same = stanza;  // only the newest presence of a sender matters
    else
      st.held_presence.push_back(stanza);
    return;
  }
  flush_held(self);
  send_stanza(self, stanza);
  flush(self);
}

bool handle_csi(session_actor* self, const xml::element& nonza) {
  if (nonza.ns() != csi_ns || !csi_enabled(self)) return false;
  auto& st = self->state;
  if (nonza.name() == "inactive") {
    st.inactive = true;
    return true;
  }
  if (nonza.name() == "active") {
    st.inactive = false;
    flush_held(self);
    flush(self);
    return true;
  }
  return false;
}

}  // namespace djabberd::c2s
