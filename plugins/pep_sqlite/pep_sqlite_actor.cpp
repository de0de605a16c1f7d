// pep_sqlite_actor: each hook is one synchronous pep_store call.
#include "plugins/pep_sqlite/pep_sqlite_actor.hpp"

#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::pep_sqlite {

namespace {

constexpr std::string_view component = "pep_sqlite";

hooks::reply stored(const pep_store& store, bool ok, std::string_view what,
                    const std::string& owner) {
  if (!ok) log::warn(component, what, " for ", owner, ": ", store.last_error());
  return hooks::handled(ok);
}

}  // namespace

caf::behavior pep_sqlite_actor(caf::event_based_actor*, std::shared_ptr<pep_store> store) {
  return {
      [store](atoms::pep_get_nodes, const std::string& vhost,
              const std::string& owner) -> hooks::reply {
        auto nodes = store->nodes(vhost, owner);
        if (nodes) return hooks::handled(std::move(*nodes));
        log::warn(component, "pep.get_nodes for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store](atoms::pep_set_node, const std::string& vhost, const std::string& owner,
              const std::string& node, const pep::node_config& config) {
        return stored(*store, store->set_node(vhost, owner, node, config), "pep.set_node", owner);
      },
      [store](atoms::pep_publish, const std::string& vhost, const std::string& owner,
              const std::string& node, const pep::node_config& config, const pep::item& item) {
        return stored(*store, store->publish(vhost, owner, node, config, item), "pep.publish",
                      owner);
      },
      [store](atoms::pep_retract, const std::string& vhost, const std::string& owner,
              const std::string& node, const std::string& id) {
        return stored(*store, store->retract(vhost, owner, node, id), "pep.retract", owner);
      },
      [store](atoms::pep_delete_node, const std::string& vhost, const std::string& owner,
              const std::string& node) {
        return stored(*store, store->delete_node(vhost, owner, node), "pep.delete_node", owner);
      },
      // XEP-0077: a new account of the same name starts without the removed one's nodes.
      [store](atoms::account_deleted, const std::string& vhost,
              const std::string& username) -> hooks::reply {
        auto owner = username + "@" + vhost;
        if (!store->remove_owner(vhost, owner))
          log::warn(component, "account.deleted for ", owner, ": ", store->last_error());
        return hooks::declined();
      },
  };
}

}  // namespace djabberd::plugins::pep_sqlite
