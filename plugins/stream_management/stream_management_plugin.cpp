// stream_management: one stateless actor for the feature and the session.closing verdict.
#include "plugins/stream_management/stream_management_plugin.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "plugins/stream_management/sm_options.hpp"

namespace djabberd::plugins::stream_management {

caf::behavior stream_management_actor(caf::event_based_actor*) {
  return {
      [](atoms::stream_features, const std::string&, const std::string&) -> hooks::reply {
        return hooks::handled(xml::element_ptr{xml::make_element("sm", "urn:xmpp:sm:3")});
      },
      // A bound session lost its connection: one that enabled resumption is taken over (it waits
      // for <resume/>); any other ends normally.
      [](atoms::session_closing, const std::string&, const jid&, const caf::actor&,
         bool resumable) -> hooks::reply {
        if (resumable) return hooks::handled();
        return hooks::declined();
      },
  };
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  read_sm_options(ctx.config.settings);  // the sessions read them again from the vhost
  return hooks::join(ctx.system.spawn(stream_management_actor),
                     {hooks::hook_id::stream_features, hooks::hook_id::session_closing});
}

}  // namespace djabberd::plugins::stream_management
