// IQs a bound client sends to its server or its own bare JID: the iq.c2s hook first, then the
// built-in table (ping, session, bind), then service-unavailable.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/message_types.hpp"
#include "actors/pep/pep_node.hpp"
#include "actors/user/blocking.hpp"
#include "actors/user/carbons.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::c2s {

namespace {

// RFC 6121 §8.5.1, §8.5.2.1.3: what the server answers itself.
void built_in_iq(session_actor* self, const xml::element_ptr& iq) {
  auto type = iq->attr_or("type");
  auto payload = iq->first_child_element();
  if (payload->is("ping", ns::ping) && type == "get")  // XEP-0199
    return send_stanza(self, xml::make_iq_result(*iq));
  if (handle_server_disco(self, iq)) return;  // XEP-0030, may wait for the disco hooks
  if (payload->is("query", ns::roster))       // RFC 6121 §2: the account's actor owns the roster
    return self->send(self->state.server->router, atoms::roster_iq::value, self->state.bound, iq);
  // XEP-0163: the account's actor is its PEP service (and says so if the vhost has no PEP).
  if (payload->name() == "pubsub" &&
      (payload->ns() == pep::ns_pubsub || payload->ns() == pep::ns_owner))
    return self->send(self->state.server->router, atoms::route::value,
                      xml::with_attr(iq, "to", self->state.bound.bare_str()));
  if (carbons::request(*iq) && self->state.vhost->carbons)  // XEP-0280: the account actor owns it
    return self->send(self->state.server->router, atoms::carbons_iq::value, self->state.bound, iq);
  if (blocking::is_request(*iq) && self->state.vhost->blocking)  // XEP-0191: the account actor
    return self->send(self->state.server->router, atoms::blocking_iq::value, self->state.bound, iq);
  if (handle_account_iq(self, iq)) return;                   // XEP-0077 password change, removal
  if (payload->is("session", ns::session) && type == "set")  // RFC 3921 legacy, a no-op now
    return send_stanza(self, xml::make_iq_result(*iq));
  if (payload->is("bind", ns::bind))
    return send_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::not_allowed,
                                                   "a resource is already bound"));
  send_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::service_unavailable));
}

}  // namespace

void handle_local_iq(session_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto type = iq->attr_or("type");
  if (type != "get" && type != "set") {
    // Answers to the account's own queries (XEP-0115 disco#info) go to its actor; results and
    // errors to the server end here.
    if (iq->attr_or("to") == st.bound.bare_str())
      self->send(st.server->router, atoms::route::value, iq);
    return;
  }
  const auto& table = st.vhost->hooks;
  if (table->chain(hooks::hook_id::iq_c2s).empty()) return built_in_iq(self, iq);
  // Later stanzas of this client wait (RFC 6120 §10.1 in-order processing); other sessions
  // are not affected by a slow handler.
  st.busy = true;
  hooks::run_chain(self, table, hooks::hook_id::iq_c2s,
                   caf::make_message(atoms::iq_c2s::value, st.vhost->domain, st.bound, iq),
                   [self, iq](hooks::chain_result r) {
                     auto& st = self->state;
                     if (st.current == phase::closing) return;
                     st.busy = false;
                     xml::element_ptr reply;
                     if (r.handled && r.payload.match_elements<xml::element_ptr>())
                       reply = r.payload.get_as<xml::element_ptr>(0);
                     if (reply)
                       send_stanza(self, reply);
                     else
                       built_in_iq(self, iq);
                     if (!st.busy) resume(self);  // else a built-in (disco) resumes when done
                   });
}

}  // namespace djabberd::c2s
