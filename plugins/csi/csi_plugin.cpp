// The csi plugin: one stateless actor advertising the stream feature.
#include "plugins/csi/csi_plugin.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::csi {

caf::behavior csi_actor(caf::event_based_actor*) {
  return {
      [](atoms::stream_features, const std::string&, const std::string&) -> hooks::reply {
        return hooks::handled(xml::element_ptr{xml::make_element("csi", "urn:xmpp:csi:0")});
      },
  };
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  hooks::registration r;
  r.hook = hooks::hook_id::stream_features;
  r.handler = ctx.system.spawn(csi_actor);
  return {std::move(r)};
}

}  // namespace djabberd::plugins::csi
