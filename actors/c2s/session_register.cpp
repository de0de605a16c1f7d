// XEP-0077 In-Band Registration on a c2s stream: registering before authentication, and the
// password change and account removal of an authenticated user. The `register` plugin turns it
// on (vhost_runtime::registration); the account hooks do the work (actors/accounts/).
#include <caf/all.hpp>

#include "actors/accounts/account_requests.hpp"
#include "actors/accounts/registration_xml.hpp"
#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"

namespace djabberd::c2s {

namespace {

using accounts::register_request;

xml::element_ptr refusal_reply(const xml::element& iq, const accounts::refusal& refused) {
  return xml::make_error_reply(iq, refused.condition, refused.text);
}

// The answer of an asynchronous account request, written once it is back (unless the stream
// ended meanwhile), then the stanzas that waited behind it.
template <class Write>
accounts::account_done answer_then_resume(session_actor* self, xml::element_ptr iq, Write write,
                                          std::function<void()> on_success = {}) {
  return [self, iq = std::move(iq), write,
          on_success = std::move(on_success)](std::optional<accounts::refusal> refused) {
    if (self->state.current == phase::closing) return;
    write(refused ? refusal_reply(*iq, *refused) : xml::make_iq_result(*iq));
    if (!refused && on_success) on_success();
    resume(self);
  };
}

}  // namespace

void handle_unauthenticated_iq(session_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto request = accounts::parse_register(*iq);
  if (request.what == register_request::other)
    return fail_stream(self, xml::stream_error::not_authorized, "authenticate first");
  auto write_reply = [self](const xml::element_ptr& reply) { write_stanza(self, reply); };
  if (!st.vhost->registration)  // off by default (XEP-0077 §3.1: service-unavailable)
    return write_reply(xml::make_error_reply(*iq, xml::stanza_error::service_unavailable));
  switch (request.what) {
    case register_request::form:
      return write_reply(xml::make_iq_result(*iq, accounts::registration_form()));
    case register_request::remove:  // nothing to cancel before authentication
      return write_reply(xml::make_error_reply(*iq, xml::stanza_error::not_authorized));
    case register_request::incomplete:
      return write_reply(xml::make_error_reply(*iq, xml::stanza_error::not_acceptable,
                                               "a username and a password are required"));
    default:
      break;
  }
  auto user = jid::make(request.username, st.vhost->domain);
  if (!user || user->local().empty())
    return write_reply(
        xml::make_error_reply(*iq, xml::stanza_error::not_acceptable, "the username is not valid"));
  st.busy = true;  // what the client sends meanwhile waits (RFC 6120 §10.1)
  accounts::register_account(self, st.vhost->hooks, st.vhost->domain, user->local(),
                             request.password, accounts::peer_ip(st.peer),
                             answer_then_resume(self, iq, write_reply));
}

bool handle_account_iq(session_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto request = accounts::parse_register(*iq);
  if (request.what == register_request::other || !st.vhost->registration) return false;
  auto write_reply = [self](const xml::element_ptr& reply) { send_stanza(self, reply); };
  switch (request.what) {
    case register_request::form:  // §3.1: already registered
      write_reply(xml::make_iq_result(*iq, accounts::registered_query(st.username)));
      return true;
    case register_request::incomplete:  // §3.3: a password change needs both
      write_reply(xml::make_error_reply(*iq, xml::stanza_error::bad_request,
                                        "a username and a password are required"));
      return true;
    case register_request::remove: {
      // §3.2: the result first, then every session of the account ends with <not-authorized/>.
      st.busy = true;
      auto bare = st.bound.bare();
      accounts::remove_account(self, st.vhost->hooks, st.vhost->domain, st.username,
                               answer_then_resume(self, iq, write_reply, [self, bare] {
                                 self->send(self->state.server->router, atoms::account_gone::value,
                                            bare);
                               }));
      return true;
    }
    default:
      break;
  }
  // §3.3: a password change names the user's own account.
  auto named = jid::make(request.username, st.vhost->domain);
  if (!named || named->local() != st.username) {
    write_reply(xml::make_error_reply(*iq, xml::stanza_error::not_authorized,
                                      "only the account's own password can be changed"));
    return true;
  }
  st.busy = true;
  accounts::change_password(self, st.vhost->hooks, st.vhost->domain, st.username, request.password,
                            accounts::peer_ip(st.peer), answer_then_resume(self, iq, write_reply));
  return true;
}

}  // namespace djabberd::c2s
