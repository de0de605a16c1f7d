// blocking: advertises XEP-0191 on the server; the core does the rest (see the header).
#include "plugins/blocking/blocking_plugin.hpp"

#include <caf/actor_system.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "actors/user/blocking.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::blocking {

caf::behavior blocking_actor(caf::event_based_actor*) {
  return {
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(djabberd::blocking::xmlns));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  return hooks::join(ctx.system.spawn(blocking_actor), {hooks::hook_id::disco_server_info});
}

}  // namespace djabberd::plugins::blocking
