// The behavior shared by the PEP stores (pep_sqlite, pep_pg): each hook is one synchronous call
// on the store, so the actor running it must be detached.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <caf/behavior.hpp>
#include <caf/sec.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/forget_on_account_deleted.hpp"

namespace djabberd::plugins {

/// pep.get_nodes -> handled(pep::node_list); pep.set_node, pep.publish, pep.retract,
/// pep.delete_node -> handled(bool stored). A read error is logged under `component` and answered
/// with an error (the chain counts it as failed, so the account never mistakes it for "no nodes");
/// a write error is logged and answered handled(false). account.deleted (notify) removes every
/// node of the account. `Store` is pep_store or pg_pep_store: nodes(), set_node(), publish(),
/// retract(), delete_node(), remove_owner(), last_error().
template <class Store>
caf::behavior pep_store_behavior(std::string_view component, std::shared_ptr<Store> store) {
  auto stored = [component, store](bool ok, std::string_view what,
                                   const std::string& owner) -> hooks::reply {
    if (!ok) log::warn(component, what, " for ", owner, ": ", store->last_error());
    return hooks::handled(ok);
  };
  return {
      [component, store](atoms::pep_get_nodes, const std::string& vhost,
                         const std::string& owner) -> hooks::reply {
        auto nodes = store->nodes(vhost, owner);
        if (nodes) return hooks::handled(std::move(*nodes));
        log::warn(component, "pep.get_nodes for ", owner, ": ", store->last_error());
        return caf::make_error(caf::sec::runtime_error);
      },
      [store, stored](atoms::pep_set_node, const std::string& vhost, const std::string& owner,
                      const std::string& node, const pep::node_config& config) {
        return stored(store->set_node(vhost, owner, node, config), "pep.set_node", owner);
      },
      [store, stored](atoms::pep_publish, const std::string& vhost, const std::string& owner,
                      const std::string& node, const pep::node_config& config,
                      const pep::item& item) {
        return stored(store->publish(vhost, owner, node, config, item), "pep.publish", owner);
      },
      [store, stored](atoms::pep_retract, const std::string& vhost, const std::string& owner,
                      const std::string& node, const std::string& id) {
        return stored(store->retract(vhost, owner, node, id), "pep.retract", owner);
      },
      [store, stored](atoms::pep_delete_node, const std::string& vhost, const std::string& owner,
                      const std::string& node) {
        return stored(store->delete_node(vhost, owner, node), "pep.delete_node", owner);
      },
      // XEP-0077: a new account of the same name starts without the removed one's nodes.
      forget_on_account_deleted(component, store, std::mem_fn(&Store::remove_owner)),
  };
}

}  // namespace djabberd::plugins
