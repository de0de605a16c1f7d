// pep: the account's disco#info identity and features (the core does the rest, see the header).
#include "plugins/pep/pep_plugin.hpp"

#include <caf/actor_system.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "actors/pep/pep_node.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::pep {

namespace {

// XEP-0060 §10 features of what actors/user/user_pep.cpp implements.
constexpr std::string_view features[] = {
    "access-open",
    "access-presence",
    "access-whitelist",
    "auto-create",
    "config-node",
    "create-nodes",
    "delete-items",
    "delete-nodes",
    "filtered-notifications",
    "item-ids",
    "last-published",
    "persistent-items",
    "presence-notifications",
    "publish",
    "publish-options",
    "retract-items",
    "retrieve-items",
};

}  // namespace

caf::behavior pep_actor(caf::event_based_actor*) {
  return {
      [](atoms::disco_account, const std::string&, const jid&, const std::string&) -> hooks::reply {
        auto query = xml::make_element("query", std::string(ns::disco_info));
        auto& identity = query->add_child("identity", std::string(ns::disco_info));
        identity.set_attr("category", "pubsub");
        identity.set_attr("type", "pep");
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(djabberd::pep::ns_pubsub));
        for (auto f : features)
          query->add_child("feature", std::string(ns::disco_info))
              .set_attr("var", std::string(djabberd::pep::ns_pubsub) + "#" + std::string(f));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

std::vector<hooks::registration> start(plugin_context& ctx) {
  ctx.config.settings.allow_only({});
  return hooks::join(ctx.system.spawn(pep_actor), {hooks::hook_id::disco_account_info});
}

}  // namespace djabberd::plugins::pep
