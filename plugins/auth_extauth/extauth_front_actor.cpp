// extauth_front_actor: hook request -> extauth frame -> round-robin child -> promise.
#include "plugins/auth_extauth/extauth_front_actor.hpp"

#include <string>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "plugins/auth_extauth/extauth_atoms.hpp"
#include "plugins/auth_extauth/extauth_child_actor.hpp"
#include "plugins/auth_extauth/extauth_protocol.hpp"

namespace djabberd::plugins::auth_extauth {

namespace {

using front_actor = caf::stateful_actor<extauth_front_state>;

hooks::reply forward(front_actor* self, const std::string& text) {
  auto& st = self->state;
  auto frame = encode_frame(text);
  if (!frame || st.children.empty()) {
    log::warn("auth_extauth", "request of ", text.size(), " bytes is too long for extauth");
    return hooks::declined();
  }
  const caf::actor& child = st.children[st.next++ % st.children.size()];
  auto rp = self->make_response_promise<hooks::promise>();
  // The child answers within its timeout_ms (plus process restart work); the margin only
  // guards against a child actor that is gone.
  auto limit = st.child_timeout * 2 + std::chrono::seconds(5);
  self->request(child, limit, ask_atom::value, std::move(*frame))
      .then(
          [rp](int answer) mutable {
            if (answer == answer_yes)
              hooks::deliver_handled(rp, true);
            else
              hooks::deliver_declined(rp);
          },
          [rp](caf::error&) mutable { hooks::deliver_declined(rp); });
  return rp;
}

}  // namespace

caf::behavior extauth_front_actor(front_actor* self, std::vector<caf::actor> children,
                                  std::chrono::milliseconds exchange_timeout) {
  self->state.children = children;
  self->state.child_timeout = exchange_timeout;
  self->attach_functor([children](const caf::error&) {
    for (const auto& child : children) caf::anon_send_exit(child, caf::exit_reason::user_shutdown);
  });
  return {
      [self](atoms::auth_check_password, const std::string& vhost, const std::string& username,
             const std::string& password) -> hooks::reply {
        return forward(self, auth_request(username, vhost, password));
      },
      [self](atoms::auth_user_exists, const std::string& vhost, const std::string& username)
          -> hooks::reply { return forward(self, isuser_request(username, vhost)); },
  };
}

}  // namespace djabberd::plugins::auth_extauth
