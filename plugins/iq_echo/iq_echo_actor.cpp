// echo_actor: builds the echo result; a delayed answer goes through a response promise and a
// delayed message to itself, so the actor keeps serving other requests meanwhile.
#include "plugins/iq_echo/iq_echo_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/iq_echo/iq_echo_plugin.hpp"
#include "stanza/error_reply.hpp"

namespace djabberd::plugins::iq_echo {

namespace {

using answer_atom = caf::atom_constant<caf::atom("echoanswer")>;

}  // namespace

caf::behavior echo_actor(caf::stateful_actor<echo_state>* self, std::chrono::milliseconds delay) {
  return {
      [self, delay](atoms::iq_c2s, const std::string&, const jid&,
                    const xml::element_ptr& iq) -> hooks::reply {
        auto payload = iq ? iq->first_child_element() : nullptr;
        if (!payload || !payload->is("echo", echo_ns) || iq->attr_or("type") != "get")
          return hooks::declined();
        xml::element_ptr reply = xml::make_iq_result(*iq, payload);
        if (delay.count() == 0) return hooks::handled(reply);
        auto rp = self->make_response_promise<caf::atom_value, caf::message>();
        self->state.waiting.emplace_back(rp, std::move(reply));
        self->delayed_send(self, delay, answer_atom::value);
        return rp;
      },
      // A top-level <echo/> in the example namespace (stream.unknown_element) comes back as is.
      [](atoms::unknown_element, const std::string&, const jid&,
         const xml::element_ptr& element) -> hooks::reply {
        if (!element || !element->is("echo", echo_ns)) return hooks::declined();
        return hooks::handled(element);
      },
      [](atoms::stream_features, const std::string&, const std::string&) -> hooks::reply {
        return hooks::handled(xml::element_ptr{xml::make_element("echo", std::string(echo_ns))});
      },
      [](atoms::session_bound, const std::string& vhost, const jid& full,
         const caf::actor&) -> hooks::reply {
        log::debug("iq_echo", vhost, ": session ", full.str(), " bound");
        return hooks::declined();
      },
      [](atoms::session_unbound, const std::string& vhost, const jid& full, const caf::actor&,
         const std::string& reason) -> hooks::reply {
        log::debug("iq_echo", vhost, ": session ", full.str(), " unbound (", reason, ")");
        return hooks::declined();
      },
      [self](answer_atom) {
        auto& waiting = self->state.waiting;
        if (waiting.empty()) return;
        auto [rp, reply] = std::move(waiting.front());
        waiting.pop_front();
        hooks::deliver_handled(rp, std::move(reply));
      },
  };
}

}  // namespace djabberd::plugins::iq_echo
