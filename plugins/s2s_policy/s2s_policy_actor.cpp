// policy_actor: each handler answers when its rule applies and declines otherwise; every
// decision that changes something is logged (the integration tests read these lines).
#include "plugins/s2s_policy/s2s_policy_actor.hpp"

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::s2s_policy {

caf::behavior policy_actor(caf::event_based_actor*, std::shared_ptr<const policy_rules> rules) {
  return {
      [rules](atoms::s2s_allow, const std::string& vhost, const std::string& remote,
              bool inbound) -> hooks::reply {
        if (!rules->deny.count(remote)) return hooks::declined();
        log::info("s2s_policy", vhost, ": federation with ", remote, " denied (",
                  inbound ? "inbound" : "outbound", ")");
        return hooks::handled(false);
      },
      [rules](atoms::s2s_filter, const std::string& vhost, const std::string& remote,
              const xml::element_ptr& stanza) -> hooks::reply {
        if (!stanza || !rules->drops(*stanza)) return hooks::declined();
        log::info("s2s_policy", vhost, ": dropped a message from ", remote);
        return hooks::handled(true);
      },
      [rules](atoms::s2s_out_filter, const std::string& vhost, const std::string& remote,
              const xml::element_ptr& stanza) -> hooks::reply {
        if (!stanza || !rules->drops(*stanza)) return hooks::declined();
        log::info("s2s_policy", vhost, ": dropped a message to ", remote);
        return hooks::handled(true);
      },
      [rules](atoms::tls_verify_peer, const std::string& vhost, const std::string& remote, bool,
              bool, const std::string& verify_error) -> hooks::reply {
        if (!rules->trust.count(remote)) return hooks::declined();
        log::info("s2s_policy", vhost, ": trusting the certificate of ", remote, " (", verify_error,
                  ")");
        return hooks::handled(true);
      },
      [rules](atoms::dialback_secret, const std::string&) -> hooks::reply {
        if (rules->dialback_secret.empty()) return hooks::declined();
        return hooks::handled(rules->dialback_secret);
      },
      [rules](atoms::s2s_resolve, const std::string& vhost,
              const std::string& remote) -> hooks::reply {
        auto it = rules->routes.find(remote);
        if (it == rules->routes.end()) return hooks::declined();
        log::debug("s2s_policy", vhost, ": ", remote, " -> ", it->second);
        return hooks::handled(it->second);
      },
      [rules](atoms::iq_s2s, const std::string& vhost, const std::string& remote,
              const xml::element_ptr& iq) -> hooks::reply {
        if (!rules->answer_ping || !iq || iq->attr_or("type") != "get" ||
            !iq->child("ping", ns::ping))
          return hooks::declined();
        log::info("s2s_policy", vhost, ": answered a ping from ", remote);
        return hooks::handled(xml::make_iq_result(*iq));
      },
  };
}

}  // namespace djabberd::plugins::s2s_policy
