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
      [self](atoms::stats_collect, const std::string&) -> hooks::reply {
        return hooks::handled(hooks::stat_samples{{"filter_pattern.dropped", self->state.dropped}});
      },
      // `djabberctl plugin filter_pattern`: how many stanzas this vhost's filter dropped.
      [self](atoms::admin_command, const std::string& vhost,
             const std::vector<std::string>& words) -> hooks::reply {
        if (words.size() != 1 || words[0] != "filter_pattern") return hooks::declined();
        return hooks::handled(vhost + " dropped=" + std::to_string(self->state.dropped) + "\n");
      },
  };
}

}  // namespace djabberd::plugins::filter_pattern
