// filter_actor: checks each client stanza against the rule; logs every drop with the running count.
#include "plugins/filter_pattern/filter_pattern_actor.hpp"

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::filter_pattern {

caf::behavior filter_actor(caf::stateful_actor<filter_state>* self,
                           std::shared_ptr<const filter_rule> rule) {
  self->state.rule = std::move(rule);
  return {
      [self](atoms::c2s_filter, const std::string& vhost, const jid& from,
             const xml::element_ptr& stanza) -> hooks::reply {
        if (!stanza || !self->state.rule->matches(*stanza)) return hooks::declined();
        auto count = ++self->state.dropped;
        log::info("filter_pattern", vhost, ": dropped a ", stanza->name(), " from ", from.str(),
                  " (", count, " dropped so far)");
        return hooks::handled(true);
      },
      [self](atoms::pre_write, const std::string& vhost, const jid& to,
             const xml::element_ptr& stanza) -> hooks::reply {
        if (!stanza || !self->state.rule->matches(*stanza)) return hooks::declined();
        auto count = ++self->state.dropped;
        log::info("filter_pattern", vhost, ": dropped a ", stanza->name(), " to ", to.str(), " (",
                  count, " dropped so far)");
        return hooks::handled(xml::element_ptr{});
      },
  };
}

}  // namespace djabberd::plugins::filter_pattern
